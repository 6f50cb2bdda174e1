// RFC 9420 section 12.4.3.2: joining a group by an external Commit, from a
// GroupInfo that carries external_pub.

#include <algorithm>
#include <limits>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "group_state.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

namespace {

// Section 8.3: kem_output and the init secret, from HPKE to external_pub.
struct ExternalInitSecret {
  Bytes kem_output;
  crypto::Secret init_secret;
};

Result<ExternalInitSecret> external_init(const CipherSuite& suite, const GroupInfo& info,
                                         crypto::RandomSource& random) {
  const auto* extension = find_extension(info.extensions, ExtensionType::external_pub);
  if (extension == nullptr) return Errc::invalid_argument;
  auto external = parse_extension<ExternalPub>(*extension);
  if (!external) return external.error();
  auto sender = suite.hpke().setup_sender(external->external_pub, {}, random);
  if (!sender) return sender.error();
  auto secret = sender->context.export_secret(as_bytes(external_init_label), suite.secret_size());
  if (!secret) return secret.error();
  return ExternalInitSecret{std::move(sender->enc), std::move(*secret)};
}

// A pending SelfRemove the joiner includes, by its ProposalRef.
struct PendingSelfRemove {
  ProposalRef ref;
  LeafIndex sender;
};

// draft-ietf-mls-extensions, "SelfRemove Proposal": the joiner validates a
// pending SelfRemove before it includes it by reference, as a member would
// but for the membership tag (a non-member cannot check it): a
// PublicMessage of the GroupInfo's group and epoch, from a member, signed
// with the key of that member's leaf in the GroupInfo's tree, carrying a
// SelfRemove, in a group whose other members support SelfRemove.
Result<PendingSelfRemove> validate_pending_self_remove(const CipherSuite& suite, const GroupContext& context,
                                                       const RatchetTree& tree, const MlsMessage& message) {
  if (message.version != ProtocolVersion::mls10) return Errc::invalid_value;
  const auto* framed = message.body.get_if<PublicMessage>();
  if (framed == nullptr) return Errc::content_not_allowed;
  const auto member_key = [&tree](const FramedContent& content) -> std::optional<Bytes> {
    const auto sender = leaf_of(content.sender);
    const BytesView key = sender ? tree.signature_key(*sender) : BytesView{};
    if (key.empty()) return std::nullopt;
    return Bytes(key.begin(), key.end());
  };
  auto content = authenticate_public(suite, context, member_key, *framed, {});
  if (!content) return content.error();
  // As members check it on receipt: a PublicMessage only, and safe AAD
  // where the group requires it.
  if (auto framing = check_framing(context, *content); !framing) return framing.error();
  const auto* proposal = content->content.content.get_if<Proposal>();
  if (proposal == nullptr || !proposal->holds<SelfRemove>()) return Errc::invalid_proposal;
  const LeafIndex sender = *leaf_of(content->content.sender);
  // Section 12.2: the members that stay support it (a self-remove-capable
  // group).
  if (auto supported = proposals_supported_by_all(tree, {ProposalType::self_remove}, sender); !supported) {
    return supported.error();
  }
  return PendingSelfRemove{proposal_ref(suite, *content), sender};
}

// Each of `messages` validated, none of one leaf twice nor of the leaf the
// joiner replaces (section 12.2: no leaf is removed twice).
Result<std::vector<PendingSelfRemove>> pending_self_removes(const CipherSuite& suite, const GroupInfo& info,
                                                            const RatchetTree& tree,
                                                            const ExternalJoinOptions& options) {
  std::vector<PendingSelfRemove> out;
  for (const auto& message : options.self_removes) {
    auto pending = validate_pending_self_remove(suite, info.group_context, tree, message);
    if (!pending) return pending.error();
    const bool repeated = pending->sender == options.replacing ||
                          std::any_of(out.begin(), out.end(),
                                      [&pending](const auto& other) { return other.sender == pending->sender; });
    if (repeated) return Errc::invalid_proposal;
    out.push_back(std::move(*pending));
  }
  return out;
}

// Section 12.3 on the joiner's tree: the SelfRemoves, then the Remove of a
// resync, as the members apply them.
Status remove_leaves(RatchetTree& tree, const std::vector<PendingSelfRemove>& self_removes,
                     const std::optional<LeafIndex>& replacing) {
  for (const auto& pending : self_removes) {
    if (auto removed = tree.remove_leaf(pending.sender); !removed) return removed;
  }
  return replacing ? tree.remove_leaf(*replacing) : Status();
}

// The joiner's Commit before its signature: ExternalInit, its PSKs (and the
// Remove of its old leaf, for a resync) by value, the pending SelfRemoves by
// reference, its AppDataUpdates and AppEphemerals by value, and its
// UpdatePath.
Commit external_commit(Bytes kem_output, const ExternalJoinOptions& options,
                       const std::vector<PendingSelfRemove>& self_removes, UpdatePath path) {
  Commit commit;
  commit.proposals.push_back(ProposalOrRef{Proposal{ExternalInit{std::move(kem_output)}}});
  for (const auto& psk : options.psks) commit.proposals.push_back(ProposalOrRef{Proposal{PreSharedKey{psk}}});
  if (options.replacing) commit.proposals.push_back(ProposalOrRef{Proposal{Remove{options.replacing->value}}});
  for (const auto& pending : self_removes) commit.proposals.push_back(ProposalOrRef{pending.ref});
  for (const auto& proposal : options.app_proposals) commit.proposals.push_back(ProposalOrRef{proposal});
  commit.path = std::move(path);
  return commit;
}

// draft-ietf-mls-extensions: the joiner's AppDataUpdates and AppEphemerals,
// supported by every member it does not remove (RFC 9420 section 12.2) and
// applied to the GroupContext's `extensions` as the members will.
Status apply_joiner_app_proposals(const ExternalJoinOptions& options, const GroupConfig& config,
                                  const RatchetTree& tree, ExtensionList& extensions) {
  std::vector<ResolvedProposal> proposals;
  for (const auto& proposal : options.app_proposals) {
    if (!is_app_proposal(proposal)) return Errc::invalid_argument;
    proposals.push_back({proposal, Sender{NewMemberCommitSender{}}});
  }
  if (auto supported = proposal_types_supported(tree, proposals); !supported) return supported;
  auto applied = apply_app_proposals(config.components, proposals, extensions);
  return applied ? Status() : Status(applied.error());
}

}  // namespace

Result<ExternalJoinState> join_by_external_commit(const GroupInfo& info, KeyPackageBundle joiner,
                                                  const std::optional<RatchetTreeNodes>& tree_nodes,
                                                  const ExternalJoinOptions& options,
                                                  GroupConfig config, crypto::RandomSource& random) {
  const auto& replacing = options.replacing;
  if (info.group_context.cipher_suite != joiner.key_package.cipher_suite ||
      info.group_context.version != ProtocolVersion::mls10) {
    return Errc::invalid_argument;
  }
  auto suite = CipherSuite::find(info.group_context.cipher_suite);
  if (!suite) return suite.error();
  auto tree = joined_tree(*suite, info, tree_nodes, &joiner.key_package.leaf_node, config);
  if (!tree) return tree.error();
  auto psk = looked_up_psk_secret(*suite, options.psks, config.psks);
  if (!psk) return psk.error();
  // The epoch is a uint64 (section 6): the last one has no successor.
  if (info.group_context.epoch == std::numeric_limits<std::uint64_t>::max()) return Errc::message_limit;
  auto init = external_init(*suite, info, random);
  if (!init) return init.error();

  auto self_removes = pending_self_removes(*suite, info, *tree, options);
  if (!self_removes) return self_removes.error();
  if (auto removed = remove_leaves(*tree, *self_removes, replacing); !removed) return removed.error();
  ExtensionList extensions = info.group_context.extensions;
  if (auto applied = apply_joiner_app_proposals(options, config, *tree, extensions); !applied) {
    return applied.error();
  }
  auto own = place_external_joiner(*tree, joiner.key_package.leaf_node);
  if (!own) return own.error();
  auto fresh = suite->hpke().kem().generate_key_pair(random);
  auto prepared = PreparedPath::prepare(*tree, *own, next_leaf(*tree->leaf(*own), std::move(fresh.private_key)),
                                        joiner.keys.signature_private_key, info.group_context.group_id, random);
  if (!prepared) return prepared.error();
  GroupContext context = info.group_context;
  GroupContext provisional = context;
  provisional.extensions = extensions;
  provisional.epoch += 1;
  provisional.tree_hash = tree->tree_hash();
  auto sent = std::move(*prepared).encrypt(*tree, provisional, {}, random);
  if (!sent) return sent.error();

  auto authenticated_data = outgoing_authenticated_data(context, {});
  if (!authenticated_data) return authenticated_data.error();
  FramedContent content{context.group_id, context.epoch, Sender{NewMemberCommitSender{}}, std::move(*authenticated_data),
                        Content{external_commit(std::move(init->kem_output), options, *self_removes, sent->path)}};
  auto signature = suite->sign_with_label(joiner.keys.signature_private_key, "FramedContentTBS",
                                          framed_content_tbs(WireFormat::public_message, content, context));
  if (!signature) return signature.error();
  const AuthenticatedContent authenticated{WireFormat::public_message, content, {*signature, std::nullopt}};
  const Bytes interim = interim_transcript_hash(*suite, context.confirmed_transcript_hash, info.confirmation_tag);
  context.epoch += 1;
  context.extensions = std::move(extensions);
  context.tree_hash = tree->tree_hash();
  context.confirmed_transcript_hash =
      confirmed_transcript_hash(*suite, interim, confirmed_transcript_hash_input(authenticated));
  auto secrets = derive_epoch(*suite, init->init_secret.view(), sent->commit_secret.view(), psk->view(), context);
  if (!secrets) return secrets.error();
  Bytes tag = confirmation_tag(*suite, secrets->confirmation_key.view(), context.confirmed_transcript_hash);

  MlsMessage commit{ProtocolVersion::mls10,
                    MessageBody{PublicMessage{std::move(content), {std::move(*signature), tag}, std::nullopt}}};
  auto state = std::make_unique<GroupState>(*suite, std::move(config), *own,
                                            std::move(joiner.keys.signature_private_key),
                                            std::move(*tree), std::move(sent->private_keys));
  if (auto entered = state->enter_epoch(std::move(context), std::move(*secrets), std::move(tag)); !entered) {
    return entered.error();
  }
  return ExternalJoinState{std::move(state), std::move(commit)};
}

}  // namespace conclave::mls
