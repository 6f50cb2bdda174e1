// draft-ietf-mls-partial test vectors: tree-operations ("Partial UpdatePath
// handling"). From the UpdatePath, the tree hash after, the resolution
// index, the two proofs after and the receiver's retained private keys
// (its leaf's first, then its direct path's by node), the receiver must
// decrypt, derive and reach the published commit secret.

#include "check.hpp"
#include "conclave/mls/partial_path.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

// The receiver's keys: the first entry is its leaf's private key.
Result<TreePrivateKeys> receiver_keys(const CipherSuite& suite, const MembershipProof& receiver, const Json& state) {
  TreePrivateKeys::Stored stored{receiver.leaf_index, crypto::Secret(hex_field(state.at(0), "encryption_priv")), {}};
  for (std::size_t i = 1; i < state.size(); ++i) {
    stored.path_private_keys.push_back(
        {state.at(i).at("node").get<std::uint32_t>(), crypto::Secret(hex_field(state.at(i), "encryption_priv"))});
  }
  return TreePrivateKeys::restore(suite, std::move(stored));
}

void check_case(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  const auto path = decoded_field<UpdatePath>(v, "update_path");
  const auto sender = decoded_field<MembershipProof>(v, "sender_membership_proof_after");
  const auto receiver = decoded_field<MembershipProof>(v, "receiver_membership_proof_after");
  check.expect(suite.ok() && path && sender && receiver, "suite, update_path or a proof");
  if (!suite || !path || !sender || !receiver) return;
  const Bytes tree_hash = hex_field(v, "tree_hash_after");
  check.expect(same_tree(*suite, *sender, *receiver).ok() && verify_membership_proof(*suite, *sender, tree_hash).ok(),
               "proofs of tree_hash_after");
  auto keys = receiver_keys(*suite, *receiver, v.at("receiver_path_state"));
  check.expect(keys.ok(), "receiver_path_state");
  if (!keys) return;
  // These vectors carry no GroupContext: their path secrets are encrypted
  // with tree_hash_after itself as the HPKE context (found by trial: the
  // raw tree hash opens every case, an empty context or a GroupContext of
  // empty group ID at epoch 0 none).
  auto received = receive_partial_path(*keys, *path, v.at("resolution_index").get<std::uint32_t>(), *sender,
                                       *receiver, tree_hash);
  check.expect(received.ok(), "path: " + std::string(received.ok() ? "" : to_string(received.error())));
  if (received) check.expect_equal(received->commit_secret.view(), hex_field(v, "commit_secret"), "commit_secret");
}

}  // namespace

Tally check_partial_tree_operations(const Json& doc) { return check_partial_each(doc, check_case); }

}  // namespace conclave::vectors
