#pragma once

// draft-ietf-mls-extensions "Updating Application Data in the GroupContext"
// and "Attaching Application Data to a Commit": the list rules of
// AppDataUpdate and AppEphemeral proposals and their application, shared by
// a member (committing or processing), an external joiner, a partial member
// and a follower (PublicGroup), so that all compute one GroupContext.

#include <set>
#include <vector>

#include "conclave/mls/component_logic.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::mls {

// Whether `proposal` is an AppDataUpdate or an AppEphemeral.
bool is_app_proposal(const Proposal& proposal);

// The draft's rules of a proposal list for these proposals, one at a time:
// the component is known to the application, and for each component the
// list holds a single remove or one or more updates. Errc::invalid_proposal
// otherwise.
class AppProposalRules {
 public:
  explicit AppProposalRules(const ComponentLogic& logic) : logic_(logic) {}

  Status check(const Proposal& proposal) const;
  // Adds `proposal`, which check() accepted.
  void record(const Proposal& proposal);

 private:
  const ComponentLogic& logic_;
  std::set<ComponentId> removed_;
  std::set<ComponentId> updated_;
};

// "Updating Application Data in the GroupContext": while the GroupContext
// (`current`) requires AppDataUpdate in its required_capabilities, a
// GroupContextExtensions (`next`) leaves the app_data_dictionary as it
// was: not added, removed or changed. Errc::invalid_proposal otherwise;
// the errors of find_required_capabilities().
Status check_dictionary_kept(const ExtensionList& current, const ExtensionList& next);

// The updates for `component` among `proposals`, in list order, each with
// its proposer.
std::vector<ProposedUpdate> updates_for(const std::vector<ResolvedProposal>& proposals, ComponentId component);

// The component's new data: ComponentLogic::update of `updates`, given its
// data in the app_data_dictionary of `extensions`. Errc::invalid_proposal
// when the logic is unset; the logic's error when it refuses.
Result<Bytes> updated_data(const ComponentLogic& logic, const ExtensionList& extensions, ComponentId component,
                           const std::vector<ProposedUpdate>& updates);

// One proposal's content against a GroupContext's `extensions`, as a list
// of it alone would be applied: an AppEphemeral the logic accepts, a
// remove of data present, an update the logic accepts.
Status validate_app_proposal(const ComponentLogic& logic, const ResolvedProposal& p,
                             const ExtensionList& extensions);

// The draft's processing, after the proposals of RFC 9420: the list rules
// (AppProposalRules), then each AppEphemeral given to the logic in list
// order, then the AppDataUpdates applied to the app_data_dictionary of
// `extensions` per component (in the order each first appears): a remove
// deletes the entry (Errc::invalid_proposal when there is none), updates
// store the data updated_data() returns; a dictionary it creates goes at
// the end of the list. Returns the AppEphemerals. Errors as above and
// those of ComponentLogic; `extensions` is unchanged on failure.
Result<std::vector<CommittedEphemeral>> apply_app_proposals(const ComponentLogic& logic,
                                                            const std::vector<ResolvedProposal>& proposals,
                                                            ExtensionList& extensions);

}  // namespace conclave::mls
