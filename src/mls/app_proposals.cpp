// draft-ietf-mls-extensions: validating and applying AppDataUpdate and
// AppEphemeral proposals.

#include "app_proposals.hpp"

#include <algorithm>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"

namespace conclave::mls {

namespace {

bool known(const ComponentLogic& logic, ComponentId component) {
  return std::find(logic.known.begin(), logic.known.end(), component) != logic.known.end();
}

ComponentId component_of(const Proposal& proposal) {
  if (const auto* update = proposal.get_if<AppDataUpdate>()) return update->component_id;
  return proposal.get_if<AppEphemeral>()->component_id;
}

bool is_removal(const AppDataUpdate& update) { return update.op.holds<ComponentRemoval>(); }

// "Attaching Application Data to a Commit": the component's logic accepts
// the data. Unset refuses.
Status accept_ephemeral(const ComponentLogic& logic, const Sender& sender, const AppEphemeral& ephemeral) {
  if (!logic.ephemeral) return Errc::invalid_proposal;
  return logic.ephemeral(ephemeral.component_id, sender, ephemeral.data);
}

// Sets (or, when `data` is null, removes) one component's entry, keeping
// the entries sorted.
void set_entry(AppDataDictionary& dictionary, ComponentId component, const Bytes* data) {
  auto& entries = dictionary.component_data;
  const auto at = std::lower_bound(entries.begin(), entries.end(), component,
                                   [](const ComponentData& entry, ComponentId id) { return entry.component_id < id; });
  const bool present = at != entries.end() && at->component_id == component;
  if (data == nullptr) {
    entries.erase(at);
  } else if (present) {
    at->data = *data;
  } else {
    entries.insert(at, ComponentData{component, *data});
  }
}

// The dictionary written back into `extensions`, in place, or appended at
// the end when the list had none.
void store_dictionary(ExtensionList& extensions, const AppDataDictionary& dictionary) {
  const Extension extension = make_extension(dictionary);
  const auto found = std::find_if(extensions.begin(), extensions.end(), [](const Extension& e) {
    return e.extension_type == ExtensionType::app_data_dictionary;
  });
  if (found != extensions.end()) {
    *found = extension;
  } else {
    extensions.push_back(extension);
  }
}

// The components the AppDataUpdates change, each once, in the order each
// first appears.
std::vector<ComponentId> updated_components(const std::vector<ResolvedProposal>& proposals) {
  std::vector<ComponentId> components;
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<AppDataUpdate>();
    if (update == nullptr) continue;
    if (std::find(components.begin(), components.end(), update->component_id) == components.end()) {
      components.push_back(update->component_id);
    }
  }
  return components;
}

// Whether the list removes `component` (the rules allow nothing else
// for it then).
bool removes_component(const std::vector<ResolvedProposal>& proposals, ComponentId component) {
  return std::any_of(proposals.begin(), proposals.end(), [component](const ResolvedProposal& p) {
    const auto* update = p.proposal.get_if<AppDataUpdate>();
    return update != nullptr && update->component_id == component && is_removal(*update);
  });
}

// "Updating Application Data in the GroupContext", per component; the
// dictionary is written back only once every component's change is valid.
Status apply_updates(const ComponentLogic& logic, const std::vector<ResolvedProposal>& proposals,
                     ExtensionList& extensions) {
  const auto components = updated_components(proposals);
  if (components.empty()) return {};
  auto found = find_app_data_dictionary(extensions);
  if (!found) return found.error();
  AppDataDictionary dictionary = found->value_or(AppDataDictionary{});
  for (const auto component : components) {
    if (removes_component(proposals, component)) {
      // A remove of a component that has no data is invalid.
      if (component_data(dictionary, component) == nullptr) return Errc::invalid_proposal;
      set_entry(dictionary, component, nullptr);
      continue;
    }
    auto data = updated_data(logic, extensions, component, updates_for(proposals, component));
    if (!data) return data.error();
    set_entry(dictionary, component, &*data);
  }
  store_dictionary(extensions, dictionary);
  return {};
}

}  // namespace

bool is_app_proposal(const Proposal& proposal) {
  return proposal.holds<AppDataUpdate>() || proposal.holds<AppEphemeral>();
}

// "Updating Application Data in the GroupContext": invalid for a component
// unknown to the application; for one component, a single remove or one or
// more updates. "Attaching Application Data to a Commit": invalid for an
// unknown component.
Status AppProposalRules::check(const Proposal& proposal) const {
  if (!known(logic_, component_of(proposal))) return Errc::invalid_proposal;
  const auto* update = proposal.get_if<AppDataUpdate>();
  if (update == nullptr) return {};
  const ComponentId component = update->component_id;
  const bool conflict = removed_.contains(component) || (is_removal(*update) && updated_.contains(component));
  return conflict ? Status(Errc::invalid_proposal) : Status();
}

void AppProposalRules::record(const Proposal& proposal) {
  const auto* update = proposal.get_if<AppDataUpdate>();
  if (update == nullptr) return;
  (is_removal(*update) ? removed_ : updated_).insert(update->component_id);
}

Status check_dictionary_kept(const ExtensionList& current, const ExtensionList& next) {
  auto required = find_required_capabilities(current);
  if (!required) return required.error();
  if (!*required) return {};
  const auto& types = (*required)->proposal_types;
  if (std::find(types.begin(), types.end(), ProposalType::app_data_update) == types.end()) return {};
  const auto* before = find_extension(current, ExtensionType::app_data_dictionary);
  const auto* after = find_extension(next, ExtensionType::app_data_dictionary);
  if (before == nullptr || after == nullptr) return before == after ? Status() : Status(Errc::invalid_proposal);
  return *before == *after ? Status() : Status(Errc::invalid_proposal);
}

std::vector<ProposedUpdate> updates_for(const std::vector<ResolvedProposal>& proposals, ComponentId component) {
  std::vector<ProposedUpdate> updates;
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<AppDataUpdate>();
    if (update == nullptr || update->component_id != component) continue;
    if (const auto* data = update->op.get_if<ComponentUpdate>()) updates.push_back({p.sender, data->update});
  }
  return updates;
}

// "Updating Application Data in the GroupContext": if the application logic
// considers the update invalid, the proposal list is invalid.
Result<Bytes> updated_data(const ComponentLogic& logic, const ExtensionList& extensions, ComponentId component,
                           const std::vector<ProposedUpdate>& updates) {
  if (!logic.update) return Errc::invalid_proposal;
  auto dictionary = find_app_data_dictionary(extensions);
  if (!dictionary) return dictionary.error();
  const Bytes* current = *dictionary ? component_data(**dictionary, component) : nullptr;
  return logic.update(component, current, updates);
}

Status validate_app_proposal(const ComponentLogic& logic, const ResolvedProposal& p,
                             const ExtensionList& extensions) {
  if (const auto* ephemeral = p.proposal.get_if<AppEphemeral>()) return accept_ephemeral(logic, p.sender, *ephemeral);
  const auto& update = *p.proposal.get_if<AppDataUpdate>();
  if (is_removal(update)) {
    auto dictionary = find_app_data_dictionary(extensions);
    if (!dictionary) return dictionary.error();
    const bool present = *dictionary && component_data(**dictionary, update.component_id) != nullptr;
    return present ? Status() : Status(Errc::invalid_proposal);
  }
  auto data = updated_data(logic, extensions, update.component_id, updates_for({p}, update.component_id));
  return data ? Status() : Status(data.error());
}

Result<std::vector<CommittedEphemeral>> apply_app_proposals(const ComponentLogic& logic,
                                                            const std::vector<ResolvedProposal>& proposals,
                                                            ExtensionList& extensions) {
  AppProposalRules rules(logic);
  std::vector<CommittedEphemeral> ephemerals;
  for (const auto& p : proposals) {
    if (!is_app_proposal(p.proposal)) continue;
    if (auto valid = rules.check(p.proposal); !valid) return valid.error();
    rules.record(p.proposal);
    // "Attaching Application Data to a Commit": processed after the
    // proposals of RFC 9420 and before any AppDataUpdate, in list order.
    if (const auto* ephemeral = p.proposal.get_if<AppEphemeral>()) {
      if (auto accepted = accept_ephemeral(logic, p.sender, *ephemeral); !accepted) return accepted.error();
      ephemerals.push_back({p.sender, *ephemeral});
    }
  }
  if (auto applied = apply_updates(logic, proposals, extensions); !applied) return applied.error();
  return ephemerals;
}

}  // namespace conclave::mls
