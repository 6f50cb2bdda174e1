#include "conclave/mls/group.hpp"

#include <algorithm>

#include "group_state.hpp"
#include "proposal_gathering.hpp"
#include "storage/group_records.hpp"
#include "storage/key_package_records.hpp"

namespace conclave::mls {

namespace {

// Whether the state may still be used: not after a write to its store
// failed (the store may hold an earlier state).
Status usable(const GroupState& state) {
  if (state.stored && state.stored->failed) return Errc::storage_failure;
  return {};
}

// Whether this member may send in the group now.
Status usable_for_sending(const GroupState& state) {
  if (auto status = usable(state); !status) return status;
  if (state.removed) return Errc::not_in_group;
  if (state.reinit) return Errc::group_reinitialized;
  if (state.pending) return Errc::invalid_argument;
  return {};
}

// draft-ietf-mls-extensions, "SelfRemove Proposal": a SelfRemove is sent
// as a PublicMessage (Errc::content_not_allowed), and at most one per epoch
// (Errc::invalid_proposal for a second).
Status check_self_remove(const GroupState& state, const Proposal& proposal, const ProposalOptions& options) {
  if (!proposal.holds<SelfRemove>()) return {};
  if (options.encrypt_with != nullptr) return Errc::content_not_allowed;
  const bool sent = std::any_of(state.proposals.begin(), state.proposals.end(), [&state](const auto& entry) {
    return entry.second.proposal.template holds<SelfRemove>() && leaf_of(entry.second.sender) == state.own_leaf;
  });
  return sent ? Status(Errc::invalid_proposal) : Status();
}

// `result`, once what the call changed is in the group's store, if any.
template <class T>
Result<T> saved(GroupState& state, Result<T> result, storage::Changed changed) {
  if (!result || !state.stored) return result;
  if (auto written = storage::save_changes(state, changed); !written) return written.error();
  return result;
}

Status saved(GroupState& state, Status status, storage::Changed changed) {
  if (!status || !state.stored) return status;
  return storage::save_changes(state, changed);
}

// Section 12.4.2's note: a removed member may still read late application
// messages of the epoch it was removed in, unless it keeps no past epochs.
bool removed_epoch_application(const GroupState& state, const MlsMessage& message) {
  const auto* late = message.body.get_if<PrivateMessage>();
  return state.removed && state.config.past_epochs > 0 && late != nullptr &&
         late->content_type == ContentType::application && late->epoch == state.context.epoch;
}

// Whether process() may take a message of the current epoch now.
Status receivable(const GroupState& state, const MlsMessage& message) {
  if (removed_epoch_application(state, message)) return {};
  return usable_for_sending(state);
}

}  // namespace

Status Group::persist(storage::Store& store) { return storage::save_group(store, *state_); }

Status Group::erase(storage::Store& store, BytesView group_id) { return storage::erase_group(store, group_id); }

Result<Group> Group::load(storage::Store& store, BytesView group_id, GroupConfig config) {
  auto state = storage::load_group(store, group_id, std::move(config));
  if (!state) return state.error();
  return Group(std::move(*state));
}

Group::Group(std::unique_ptr<GroupState> state) noexcept : state_(std::move(state)) {}
Group::Group(Group&&) noexcept = default;
Group& Group::operator=(Group&&) noexcept = default;
Group::~Group() = default;

Result<Group> Group::join(const Welcome& welcome, const KeyPackage& key_package, KeyPackageKeys keys,
                          const std::optional<RatchetTreeNodes>& tree, GroupConfig config) {
  auto state = join_group(welcome, key_package, std::move(keys), tree, std::move(config));
  if (!state) return state.error();
  return Group(std::move(*state));
}

Result<Group> Group::join(const Welcome& welcome, storage::Store& store,
                          const std::optional<RatchetTreeNodes>& tree, GroupConfig config) {
  auto kept = storage::kept_key_package_for(store, welcome);
  if (!kept) return kept.error();
  auto state = join_group(welcome, kept->bundle.key_package, std::move(kept->bundle.keys), tree,
                          std::move(config));
  if (!state) return state.error();
  // Group IDs are the creator's choice: a Welcome never replaces a group the
  // store holds (nor rolls it back, replayed).
  auto held = storage::holds_group(store, (*state)->context.group_id);
  if (!held) return held.error();
  if (*held) return Errc::invalid_argument;
  storage::Batch used;
  if (!kept->last_resort) used.erase(storage::Table::key_package, std::move(kept->ref));
  if (auto saved = storage::save_group(store, **state, std::move(used)); !saved) return saved.error();
  return Group(std::move(*state));
}

Result<Group> Group::create(const CipherSuite& suite, Bytes group_id, KeyPackageBundle creator,
                            ExtensionList extensions, GroupConfig config,
                            crypto::RandomSource& random) {
  auto state = create_group(suite, std::move(group_id), std::move(creator), std::move(extensions),
                            std::move(config), random);
  if (!state) return state.error();
  return Group(std::move(*state));
}

Result<Group::ExternalJoin> Group::join_external(const GroupInfo& info, KeyPackageBundle joiner,
                                                const std::optional<RatchetTreeNodes>& tree,
                                                GroupConfig config, crypto::RandomSource& random,
                                                const ExternalJoinOptions& options) {
  auto joined = join_by_external_commit(info, std::move(joiner), tree, options, std::move(config), random);
  if (!joined) return joined.error();
  return ExternalJoin{Group(std::move(joined->state)), std::move(joined->commit)};
}

Result<MlsMessage> Group::group_info(bool with_tree) const {
  if (state_->pending) return Errc::invalid_argument;
  auto info = make_group_info(*state_, state_->context, state_->epoch.external_secret.view(),
                              state_->confirmation_tag, with_tree);
  if (!info) return info.error();
  return MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*info)}};
}

Result<MlsMessage> Group::propose(Proposal proposal, const ProposalOptions& options) {
  return saved(*state_, send_proposal(std::move(proposal), options), storage::Changed::everything);
}

Result<MlsMessage> Group::send_proposal(Proposal proposal, const ProposalOptions& options) {
  if (auto usable = usable_for_sending(*state_); !usable) return usable.error();
  if (auto allowed = check_self_remove(*state_, proposal, options); !allowed) return allowed.error();
  const auto& context = state_->context;
  auto authenticated_data = outgoing_authenticated_data(context, {});
  if (!authenticated_data) return authenticated_data.error();
  const WireFormat format = options.encrypt_with != nullptr ? WireFormat::private_message
                                                            : WireFormat::public_message;
  AuthenticatedContent content{format,
                               {context.group_id, context.epoch, Sender{MemberSender{state_->own_leaf.value}},
                                std::move(*authenticated_data), Content{std::move(proposal)}},
                               {}};
  auto& protection = *state_->epoch.protection;
  auto signature = protection.sign(format, content.content, state_->signature_key);
  if (!signature) return signature.error();
  content.auth.signature = std::move(*signature);
  MlsMessage message{ProtocolVersion::mls10, MessageBody{PublicMessage{}}};
  if (options.encrypt_with != nullptr) {
    auto sealed = protection.seal_private(content.content, content.auth, 0, *options.encrypt_with);
    if (!sealed) return sealed.error();
    message.body = MessageBody{std::move(*sealed)};
  } else {
    message.body = MessageBody{protection.seal_public(content.content, content.auth)};
  }
  const Bytes ref = proposal_ref(state_->suite, content);
  state_->proposals.insert_or_assign(
      std::string(ref.begin(), ref.end()),
      CachedProposal{*content.content.content.get_if<Proposal>(), content.content.sender});
  return message;
}

Result<CommitOutput> Group::commit(const CommitOptions& options, crypto::RandomSource& random) {
  if (auto usable = usable_for_sending(*state_); !usable) return usable.error();
  return saved(*state_, create_commit(*state_, options, random), storage::Changed::everything);
}

Result<MlsMessage> Group::propose_update(crypto::RandomSource& random, const ProposalOptions& options) {
  if (auto usable = usable_for_sending(*state_); !usable) return usable.error();
  auto fresh = state_->suite.hpke().kem().generate_key_pair(random);
  LeafNode leaf = *state_->tree.leaf(state_->own_leaf);
  leaf.encryption_key = fresh.public_key;
  leaf.source = LeafNodeSourceData{UpdateSource{}};
  auto signature = state_->suite.sign_with_label(
      state_->signature_key, "LeafNodeTBS",
      leaf_node_tbs(leaf, state_->context.group_id, state_->own_leaf));
  if (!signature) return signature.error();
  leaf.signature = std::move(*signature);
  auto message = send_proposal(Proposal{Update{std::move(leaf)}}, options);
  if (!message) return message.error();
  state_->pending_update_keys.insert_or_assign(
      std::string(fresh.public_key.begin(), fresh.public_key.end()), std::move(fresh.private_key));
  return saved(*state_, std::move(message), storage::Changed::everything);
}

const ReInit* Group::pending_reinit() const noexcept {
  return state_->reinit ? &*state_->reinit : nullptr;
}

PskLookup Group::resumption_psks() const {
  auto known = std::make_shared<std::vector<std::pair<std::uint64_t, crypto::Secret>>>();
  known->emplace_back(state_->context.epoch, state_->epoch.resumption_psk.clone());
  for (const auto& [number, secret] : state_->resumption_psks) known->emplace_back(number, secret.clone());
  return [known, group_id = state_->context.group_id](
             const PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* resumption = id.psk.get_if<ResumptionPskId>();
    if (resumption == nullptr || resumption->psk_group_id != group_id) return std::nullopt;
    for (const auto& [number, secret] : *known) {
      if (number == resumption->psk_epoch) return secret.clone();
    }
    return std::nullopt;
  };
}

Result<Group::Resumed> Group::branch(Bytes group_id, ExtensionList extensions, Resumption resumption,
                                     crypto::RandomSource& random) const {
  if (state_->reinit) return Errc::group_reinitialized;
  return resume(ResumptionPskUsage::branch, state_->suite, std::move(group_id), std::move(extensions),
                std::move(resumption), random);
}

Result<Group::Resumed> Group::reinitialize(Resumption resumption, crypto::RandomSource& random) const {
  if (!state_->reinit) return Errc::invalid_argument;
  auto suite = CipherSuite::find(state_->reinit->cipher_suite);
  if (!suite) return suite.error();
  return resume(ResumptionPskUsage::reinit, *suite, state_->reinit->group_id, state_->reinit->extensions,
                std::move(resumption), random);
}

Result<Group::Resumed> Group::resume(ResumptionPskUsage usage, const CipherSuite& suite, Bytes group_id,
                                     ExtensionList extensions, Resumption resumption,
                                     crypto::RandomSource& random) const {
  auto& config = resumption.config;
  config.psks = [own = resumption_psks(), other = std::move(config.psks)](const PreSharedKeyId& id) {
    auto found = own(id);
    return found || !other ? std::move(found) : other(id);
  };
  auto created = Group::create(suite, std::move(group_id), std::move(resumption.self), std::move(extensions),
                               std::move(config), random);
  if (!created) return created.error();
  created->state_->first_commit_usage = usage;
  CommitOptions& options = resumption.commit;
  std::vector<Proposal> proposals;
  for (const auto& member : resumption.members) proposals.push_back(Proposal{Add{member}});
  Bytes nonce(suite.secret_size());
  random.fill(nonce);
  const ResumptionPskId psk{usage, state_->context.group_id, state_->context.epoch};
  proposals.push_back(Proposal{PreSharedKey{PreSharedKeyId{{psk}, std::move(nonce)}}});
  proposals.insert(proposals.end(), options.proposals.begin(), options.proposals.end());
  options.proposals = std::move(proposals);
  auto output = created->commit(options, random);
  if (!output) return output.error();
  if (auto merged = created->merge_pending_commit(); !merged) return merged.error();
  return Resumed{std::move(*created), std::move(*output->welcome)};
}

Status Group::merge_pending_commit() {
  if (auto status = usable(*state_); !status) return status;
  if (!state_->pending) return Errc::invalid_argument;
  auto next = std::move(*state_->pending);
  state_->pending.reset();
  return saved(*state_, enter_next_epoch(*state_, std::move(next)), storage::Changed::everything);
}

void Group::discard_pending_commit() {
  if (!state_->pending || !usable(*state_)) return;
  state_->pending.reset();
  state_->tree.discard_staged();
  // A failed write marks the group failed: every later call reports it.
  if (state_->stored) static_cast<void>(storage::save_changes(*state_, storage::Changed::everything));
}

bool Group::has_pending_commit() const noexcept { return state_->pending.has_value(); }

const CipherSuite& Group::suite() const noexcept { return state_->suite; }
const GroupContext& Group::context() const noexcept { return state_->context; }
std::uint64_t Group::epoch() const noexcept { return state_->context.epoch; }
LeafIndex Group::own_leaf() const noexcept { return state_->own_leaf; }
const RatchetTree& Group::tree() const noexcept { return state_->tree; }

BytesView Group::epoch_authenticator() const noexcept {
  return state_->epoch.epoch_authenticator.view();
}

Result<crypto::Secret> Group::export_secret(std::string_view label, BytesView context,
                                            std::size_t length) const {
  return mls_exporter(state_->suite, state_->epoch.exporter_secret.view(), label, context, length);
}

Result<crypto::Secret> Group::safe_export_secret(ComponentId component) {
  if (auto status = usable(*state_); !status) return status.error();
  return saved(*state_, state_->epoch.exporter_tree.take(state_->suite, component),
               storage::Changed::everything);
}

Result<MlsMessage> Group::protect(BytesView application_data, BytesView authenticated_data,
                                  crypto::RandomSource& random) {
  if (auto usable = usable_for_sending(*state_); !usable) return usable.error();
  auto sent_data = outgoing_authenticated_data(state_->context, authenticated_data);
  if (!sent_data) return sent_data.error();
  const FramedContent content = application_content(state_->context, state_->own_leaf, application_data, *sent_data);
  auto message = state_->epoch.protection->protect_private(content, state_->signature_key, {}, random);
  if (!message) return message.error();
  return saved(*state_, Result<MlsMessage>(MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*message)}}),
               storage::Changed::secret_trees);
}

Result<Received> Group::process(const MlsMessage& message) {
  if (auto status = usable(*state_); !status) return status.error();
  if (state_->pending) return Errc::invalid_argument;
  if (auto* past = late_message_epoch(*state_, message)) {
    return saved(*state_, process_late_message(*state_, *past, *message.body.get_if<PrivateMessage>()),
                 storage::Changed::secret_trees);
  }
  if (auto usable = receivable(*state_, message); !usable) return usable.error();
  if (message.version != ProtocolVersion::mls10) return Errc::invalid_value;
  auto& protection = *state_->epoch.protection;
  std::optional<OpenedMessage> opened;
  AuthenticatedContent content;
  if (const auto* pub = message.body.get_if<PublicMessage>()) {
    auto unprotected = protection.unprotect(*pub);
    if (!unprotected) return unprotected.error();
    content = std::move(*unprotected);
  } else if (const auto* priv = message.body.get_if<PrivateMessage>()) {
    if (auto live = check_not_expired(*state_, *priv); !live) return live.error();
    auto decrypted = protection.open(*priv);
    if (!decrypted) return decrypted.error();
    content = decrypted->content;
    opened = std::move(*decrypted);
  } else {
    return Errc::content_not_allowed;
  }
  if (auto framing = check_framing(state_->context, content); !framing) return framing.error();

  Received received{Received::Kind::application, content.content.sender, {},
                    content.content.authenticated_data, false, content.content.epoch};
  if (auto* data = content.content.content.get_if<ApplicationData>()) {
    received.application_data = std::move(data->data);
  } else if (content.content.content.holds<Proposal>()) {
    if (auto cached = cache_received_proposal(*state_, content); !cached) return cached.error();
    received.kind = Received::Kind::proposal;
  } else {
    return saved(*state_, process_commit(*state_, content), storage::Changed::everything);
  }
  if (opened) {
    if (auto used = protection.consume(*opened); !used) return used.error();
  }
  const auto changed = received.kind == Received::Kind::application ? storage::Changed::secret_trees
                                                                   : storage::Changed::everything;
  return saved(*state_, Result<Received>(std::move(received)), changed);
}

}  // namespace conclave::mls
