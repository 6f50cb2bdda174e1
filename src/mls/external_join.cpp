// RFC 9420 section 12.4.3.2: joining a group by an external Commit, from a
// GroupInfo that carries external_pub.

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

// The joiner's Commit before its signature: ExternalInit, its PSKs (and the
// Remove of its old leaf, for a resync) by value, and its UpdatePath.
Commit external_commit(Bytes kem_output, const ExternalJoinOptions& options, UpdatePath path) {
  Commit commit;
  commit.proposals.push_back(ProposalOrRef{Proposal{ExternalInit{std::move(kem_output)}}});
  for (const auto& psk : options.psks) commit.proposals.push_back(ProposalOrRef{Proposal{PreSharedKey{psk}}});
  if (options.replacing) commit.proposals.push_back(ProposalOrRef{Proposal{Remove{options.replacing->value}}});
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

  if (replacing) {
    if (auto removed = tree->remove_leaf(*replacing); !removed) return removed.error();
  }
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
                        Content{external_commit(std::move(init->kem_output), options, sent->path)}};
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
