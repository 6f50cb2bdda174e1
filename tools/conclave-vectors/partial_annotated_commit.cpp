// draft-ietf-mls-partial test vectors: annotated-commit. The file's
// state_before holds the epoch's secrets and hashes but no private key of
// the receiver's leaf or of a node below the common ancestor (its
// direct_path_secrets are empty), so no partial client can decrypt the
// UpdatePath from it; the case's commit_secret is therefore taken as given
// and authenticated by the Commit's confirmation tag. Checked: the sender
// proof against state_before's tree hash and the after-proofs against
// tree_hash_after; the Commit authenticated (membership tag, and the
// signature by the proven sender leaf, under state_before's GroupContext,
// whose extensions the file leaves out: taken as empty); the transcript
// hashes; the key schedule and confirmation tag; every secret of
// state_after; and state_after's direct-path secrets (each key pair, and the
// commit secret derived from them along the receiver's proven path).

#include "check.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/message_protection.hpp"
#include "conclave/mls/partial_group.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "conclave/mls/treekem.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

GroupContext context_of(const CipherSuite& suite, const Json& state) {
  return GroupContext{ProtocolVersion::mls10,
                      suite.id(),
                      hex_field(state, "group_id"),
                      state.at("epoch").get<std::uint64_t>(),
                      hex_field(state, "tree_hash"),
                      hex_field(state, "confirmed_transcript_hash"),
                      {}};
}

// The Commit authenticated in state_before's epoch, its signer the proven
// sender (a member Commit) or its path's leaf (a new member's).
Result<AuthenticatedContent> authenticated_commit(const CipherSuite& suite, const Json& before,
                                                  const AnnotatedCommit& annotated) {
  const GroupContext context = context_of(suite, before);
  const auto& proof = annotated.sender_membership_proof;
  if (proof) {
    if (auto valid = verify_membership_proof(suite, *proof, context.tree_hash); !valid) return valid.error();
  }
  SignerLookup signers = [&](const FramedContent& content) -> std::optional<Bytes> {
    const auto* member = content.sender.get_if<MemberSender>();
    if (member != nullptr) {
      if (!proof || proof->leaf_index != member->leaf_index) return std::nullopt;
      return proven_leaf(*proof)->signature_key;
    }
    const auto* commit = content.content.get_if<Commit>();
    if (proof || commit == nullptr || !commit->path) return std::nullopt;
    return commit->path->leaf_node.signature_key;
  };
  MessageProtection protection(suite, context,
                               ProtectionSecrets{crypto::Secret(hex_field(before, "membership_key")),
                                                 crypto::Secret(hex_field(before, "sender_data_secret")),
                                                 crypto::Secret(hex_field(before, "encryption_secret"))},
                               *LeafCount::of(annotated.sender_membership_proof_after.n_leaves), signers);
  if (const auto* pub = annotated.commit.body.get_if<PublicMessage>()) return protection.unprotect(*pub);
  const auto* priv = annotated.commit.body.get_if<PrivateMessage>();
  if (priv == nullptr) return Errc::content_not_allowed;
  auto opened = protection.open(*priv);
  if (!opened) return opened.error();
  return opened->content;
}

// state_after's direct-path secrets: each key pair derived from its path
// secret, each public key the proven one of the receiver's path after, and
// the commit secret the one after the last.
void check_path_secrets(const CipherSuite& suite, const Json& after, const MembershipProof& receiver,
                        BytesView commit_secret, CaseCheck& check) {
  const auto& entries = after.at("direct_path_secrets");
  if (entries.empty()) return;
  const auto path = tree_math::direct_path(tree_math::node_of(LeafIndex{receiver.leaf_index}),
                                           *LeafCount::of(receiver.n_leaves));
  auto keys = TreePrivateKeys::create(suite, LeafIndex{receiver.leaf_index},
                                      crypto::Secret(hex_field(entries.at(0), "encryption_priv")));
  std::vector<NodeIndex> nodes;
  std::vector<BytesView> public_keys;
  for (const auto& entry : entries) {
    const NodeIndex node{entry.at("node").get<std::uint32_t>()};
    const auto level = std::find(path.begin(), path.end(), node);
    check.expect(level != path.end(), "direct_path_secrets node on the receiver's path");
    if (level == path.end()) return;
    const auto& proven = receiver.direct_path_nodes.at(static_cast<std::size_t>(level - path.begin()) + 1);
    check.expect(proven && proven->holds<ParentNode>(), "direct_path_secrets node proven non-blank");
    if (!proven || !proven->holds<ParentNode>()) return;
    nodes.push_back(node);
    public_keys.push_back(proven->get_if<ParentNode>()->encryption_key);
    const auto pair = suite.derive_key_pair(suite.derive_secret(hex_field(entry, "path_secret"), "node").view());
    check.expect_equal(pair ? pair->private_key.view() : BytesView(), hex_field(entry, "encryption_priv"),
                       "encryption_priv of a path secret");
  }
  auto derived = keys ? keys->replace_path_from(nodes, public_keys, crypto::Secret(hex_field(entries.at(0), "path_secret")))
                      : Result<crypto::Secret>(keys.error());
  check.expect(derived.ok(), "path secrets give the proven public keys");
  if (derived) check.expect_equal(derived->view(), commit_secret, "commit_secret from the path secrets");
}

void check_case(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  const auto annotated = decoded_field<AnnotatedCommit>(v, "annotated_commit");
  check.expect(suite.ok() && annotated && v.at("proposals").empty(), "suite, annotated_commit, no proposals");
  if (!suite || !annotated || !v.at("proposals").empty()) return;
  const Json& before = v.at("state_before");
  const Json& after = v.at("state_after");
  const Bytes tree_hash_after = hex_field(v, "tree_hash_after");
  check.expect_equal(annotated->tree_hash_after, tree_hash_after, "tree_hash_after");
  check.expect(same_tree(*suite, annotated->sender_membership_proof_after, annotated->receiver_membership_proof_after).ok() &&
                   verify_membership_proof(*suite, annotated->receiver_membership_proof_after, tree_hash_after).ok(),
               "after-proofs of tree_hash_after");
  auto content = authenticated_commit(*suite, before, *annotated);
  check.expect(content.ok() && content->auth.confirmation_tag, "commit authenticated by the proven sender");
  if (!content || !content->auth.confirmation_tag) return;
  GroupContext next = context_of(*suite, after);
  check.expect(next.epoch == before.at("epoch").get<std::uint64_t>() + 1 && next.tree_hash == tree_hash_after,
               "epoch and tree hash after");
  check.expect_equal(confirmed_transcript_hash(*suite, hex_field(before, "interim_transcript_hash"),
                                               confirmed_transcript_hash_input(*content)),
                     next.confirmed_transcript_hash, "confirmed_transcript_hash");
  const Bytes commit_secret = hex_field(v, "commit_secret");
  const crypto::Secret no_psk(suite->secret_size());
  auto secrets = derive_epoch(*suite, hex_field(before, "init_secret"), commit_secret, no_psk.view(), next);
  check.expect(secrets.ok() && verify_confirmation_tag(*suite, secrets->confirmation_key.view(),
                                                       next.confirmed_transcript_hash, *content->auth.confirmation_tag)
                                   .ok(),
               "confirmation tag");
  if (!secrets) return;
  check.expect_equal(secrets->epoch_authenticator.view(), hex_field(v, "epoch_authenticator_after"), "epoch_authenticator");
  check.expect_equal(secrets->init_secret.view(), hex_field(after, "init_secret"), "init_secret");
  check.expect_equal(secrets->sender_data_secret.view(), hex_field(after, "sender_data_secret"), "sender_data_secret");
  check.expect_equal(secrets->encryption_secret.view(), hex_field(after, "encryption_secret"), "encryption_secret");
  check.expect_equal(secrets->membership_key.view(), hex_field(after, "membership_key"), "membership_key");
  check.expect_equal(interim_transcript_hash(*suite, next.confirmed_transcript_hash, *content->auth.confirmation_tag),
                     hex_field(after, "interim_transcript_hash"), "interim_transcript_hash");
  check_path_secrets(*suite, after, annotated->receiver_membership_proof_after, commit_secret, check);
}

}  // namespace

Tally check_partial_annotated_commit(const Json& doc) { return check_partial_each(doc, check_case); }

}  // namespace conclave::vectors
