#include "conclave/mls/group.hpp"

#include "group_state.hpp"

namespace conclave::mls {

namespace {

// Section 12.1.8: an external sender may propose Add, Remove, PreSharedKey,
// ReInit and GroupContextExtensions; a new member only Add.
bool allowed_from(const Sender& sender, const Proposal& proposal) {
  if (sender.holds<MemberSender>()) return true;
  if (sender.holds<NewMemberProposalSender>()) return proposal.holds<Add>();
  if (sender.holds<ExternalSenderIndex>()) {
    return proposal.holds<Add>() || proposal.holds<Remove>() || proposal.holds<PreSharedKey>() ||
           proposal.holds<ReInit>() || proposal.holds<GroupContextExtensions>();
  }
  return false;
}

// Section 6: which wire formats and senders each content may come with.
Status check_framing(const AuthenticatedContent& content) {
  const auto& sender = content.content.sender;
  if (content.content.content.holds<ApplicationData>()) {
    return content.wire_format == WireFormat::private_message ? Status() : Errc::content_not_allowed;
  }
  if (content.content.content.holds<Commit>()) {
    return sender.holds<MemberSender>() || sender.holds<NewMemberCommitSender>()
               ? Status()
               : Status(Errc::content_not_allowed);
  }
  return sender.holds<NewMemberCommitSender>() ? Status(Errc::content_not_allowed) : Status();
}

}  // namespace

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
                                                std::optional<LeafIndex> replacing) {
  auto joined = join_by_external_commit(info, std::move(joiner), tree, replacing, std::move(config), random);
  if (!joined) return joined.error();
  return ExternalJoin{Group(std::move(joined->state)), std::move(joined->commit)};
}

Result<MlsMessage> Group::group_info(bool with_tree) const {
  if (state_->pending) return Errc::invalid_argument;
  const auto& epoch = state_->epoch;
  auto info = make_group_info(*state_, epoch.context, epoch.external_secret.view(),
                              epoch.confirmation_tag, with_tree);
  if (!info) return info.error();
  return MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*info)}};
}

Result<MlsMessage> Group::propose(Proposal proposal) {
  if (state_->removed || state_->pending) return Errc::invalid_argument;
  const auto& context = state_->epoch.context;
  FramedContent content{context.group_id, context.epoch, Sender{MemberSender{state_->own_leaf.value}},
                        {}, Content{std::move(proposal)}};
  auto message = state_->epoch.protection->protect_public(content, state_->signature_key);
  if (!message) return message.error();
  const Bytes ref = proposal_ref(state_->suite, {WireFormat::public_message, message->content, message->auth});
  state_->epoch.proposals.insert_or_assign(
      std::string(ref.begin(), ref.end()),
      CachedProposal{*message->content.content.get_if<Proposal>(), message->content.sender});
  return MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*message)}};
}

Result<CommitOutput> Group::commit(const CommitOptions& options, crypto::RandomSource& random) {
  return create_commit(*state_, options, random);
}

Status Group::merge_pending_commit() {
  if (!state_->pending) return Errc::invalid_argument;
  auto next = std::move(*state_->pending);
  state_->pending.reset();
  state_->tree.keep_staged();
  return enter_next_epoch(*state_, std::move(next));
}

void Group::discard_pending_commit() {
  if (!state_->pending) return;
  state_->pending.reset();
  state_->tree.discard_staged();
}

bool Group::has_pending_commit() const noexcept { return state_->pending.has_value(); }

const CipherSuite& Group::suite() const noexcept { return state_->suite; }
const GroupContext& Group::context() const noexcept { return state_->epoch.context; }
std::uint64_t Group::epoch() const noexcept { return state_->epoch.context.epoch; }
LeafIndex Group::own_leaf() const noexcept { return state_->own_leaf; }
const RatchetTree& Group::tree() const noexcept { return state_->tree; }

BytesView Group::epoch_authenticator() const noexcept {
  return state_->epoch.epoch_authenticator.view();
}

Result<crypto::Secret> Group::export_secret(std::string_view label, BytesView context,
                                            std::size_t length) const {
  return mls_exporter(state_->suite, state_->epoch.exporter_secret.view(), label, context, length);
}

Result<MlsMessage> Group::protect(BytesView application_data, BytesView authenticated_data,
                                  crypto::RandomSource& random) {
  if (state_->removed) return Errc::not_in_group;
  if (state_->pending) return Errc::invalid_argument;
  const auto& context = state_->epoch.context;
  const FramedContent content{context.group_id, context.epoch,
                              Sender{MemberSender{state_->own_leaf.value}},
                              Bytes(authenticated_data.begin(), authenticated_data.end()),
                              Content{ApplicationData{Bytes(application_data.begin(), application_data.end())}}};
  auto message = state_->epoch.protection->protect_private(content, state_->signature_key, {}, random);
  if (!message) return message.error();
  return MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*message)}};
}

Result<Received> Group::process(const MlsMessage& message) {
  if (state_->removed) return Errc::not_in_group;
  if (state_->pending) return Errc::invalid_argument;
  if (message.version != ProtocolVersion::mls10) return Errc::invalid_value;
  auto& protection = *state_->epoch.protection;
  std::optional<OpenedMessage> opened;
  AuthenticatedContent content;
  if (const auto* pub = message.body.get_if<PublicMessage>()) {
    auto unprotected = protection.unprotect(*pub);
    if (!unprotected) return unprotected.error();
    content = std::move(*unprotected);
  } else if (const auto* priv = message.body.get_if<PrivateMessage>()) {
    auto decrypted = protection.open(*priv);
    if (!decrypted) return decrypted.error();
    content = decrypted->content;
    opened = std::move(*decrypted);
  } else {
    return Errc::content_not_allowed;
  }
  if (auto framing = check_framing(content); !framing) return framing.error();

  Received received{Received::Kind::application, content.content.sender, {}, false};
  if (auto* data = content.content.content.get_if<ApplicationData>()) {
    received.application_data = std::move(data->data);
  } else if (const auto* proposal = content.content.content.get_if<Proposal>()) {
    if (!allowed_from(content.content.sender, *proposal)) return Errc::invalid_proposal;
    received.kind = Received::Kind::proposal;
    const Bytes ref = proposal_ref(state_->suite, content);
    state_->epoch.proposals.insert_or_assign(std::string(ref.begin(), ref.end()),
                                             CachedProposal{*proposal, content.content.sender});
  } else {
    auto committed = process_commit(*state_, content);
    if (!committed) return committed.error();
    return committed;
  }
  if (opened) {
    if (auto used = protection.consume(*opened); !used) return used.error();
  }
  return received;
}

}  // namespace conclave::mls
