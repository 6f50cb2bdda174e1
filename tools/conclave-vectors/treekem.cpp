// treekem.json (mls-implementations): RFC 9420 sections 7.4 to 7.6. Each
// member's private keys fit the tree; each UpdatePath merges to the given
// tree hash and decrypts, for every other member, to the given path secret
// and commit secret; and a fresh UpdatePath from the same sender decrypts,
// for every other member, to the commit secret its sender derived.

#include <optional>
#include <string>
#include <string_view>

#include "check.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/treekem.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

struct TreeCase {
  const Json& v;
  CipherSuite suite;
  RatchetTree tree;  // before any UpdatePath
  Bytes group_id;
};

std::string failed(std::string_view what, Errc code) {
  return std::string(what) + ": " + std::string(to_string(code));
}

LeafIndex index_of(const Json& member) {
  return LeafIndex{member.at("index").get<std::uint32_t>()};
}

Result<TreePrivateKeys> import_member(const CipherSuite& suite, const Json& member) {
  auto keys = TreePrivateKeys::create(suite, index_of(member),
                                      crypto::Secret(hex_field(member, "encryption_priv")));
  if (!keys) return keys.error();
  for (const auto& entry : member.at("path_secrets")) {
    const NodeIndex node{entry.at("node").get<std::uint32_t>()};
    if (auto added = keys->add_path_secret(node, hex_field(entry, "path_secret")); !added) {
      return added.error();
    }
  }
  return keys;
}

// Section 12.4.2: the provisional GroupContext over a merged tree.
GroupContext context_of(const TreeCase& c, const RatchetTree& tree) {
  return GroupContext{ProtocolVersion::mls10,
                      c.suite.id(),
                      c.group_id,
                      c.v.at("epoch").get<std::uint64_t>(),
                      tree.tree_hash(),
                      hex_field(c.v, "confirmed_transcript_hash"),
                      {}};
}

// One member's view of a merged UpdatePath: what it decrypts, with its keys
// consistent with the merged tree afterwards.
std::optional<ReceivedPath> receive(const TreeCase& c, const Json& member,
                                    const RatchetTree& merged, LeafIndex sender,
                                    const UpdatePath& path, CaseCheck& check) {
  const std::string who = "leaf " + std::to_string(index_of(member).value);
  auto keys = import_member(c.suite, member);
  check.expect(keys.ok(), failed(who + " import", keys.error()));
  if (!keys) return std::nullopt;
  auto received = keys->decrypt_path(merged, sender, path, context_of(c, merged), {});
  check.expect(received.ok(), failed(who + " decrypt", received.error()));
  if (!received) return std::nullopt;
  check.expect(keys->consistent(merged), who + " keys after decrypting");
  return std::move(*received);
}

void check_members(const TreeCase& c, CaseCheck& check) {
  for (const auto& member : c.v.at("leaves_private")) {
    auto keys = import_member(c.suite, member);
    check.expect(keys.ok() && keys->consistent(c.tree),
                 "leaf " + std::to_string(index_of(member).value) + " private keys");
  }
}

void check_given_path(const TreeCase& c, const Json& u, CaseCheck& check) {
  const LeafIndex sender{u.at("sender").get<std::uint32_t>()};
  const Bytes encoded = hex_field(u, "update_path");
  auto path = codec::decode<UpdatePath>(encoded);
  check.expect(path.ok(), "update_path did not decode");
  if (!path) return;
  check.expect_equal(codec::encode(*path), encoded, "update_path re-encoding");
  RatchetTree merged = c.tree;
  auto status = merge_update_path(merged, sender, *path);
  check.expect(status.ok(), failed("merge", status.error()));
  if (!status) return;
  check.expect_equal(merged.tree_hash(), hex_field(u, "tree_hash_after"), "tree_hash_after");
  check.expect(merged.verify_parent_hashes().ok(), "parent hashes after merge");
  const Bytes commit_secret = hex_field(u, "commit_secret");
  for (const auto& member : c.v.at("leaves_private")) {
    const auto leaf = index_of(member);
    if (leaf == sender) continue;
    const auto received = receive(c, member, merged, sender, *path, check);
    if (!received) continue;
    const std::string who = "leaf " + std::to_string(leaf.value);
    const auto expected = from_hex(u.at("path_secrets").at(leaf.value).get<std::string>());
    check.expect(expected.ok(), who + " path secret is not hex");
    if (expected) check.expect_equal(received->path_secret.view(), *expected, who + " path secret");
    check.expect_equal(received->commit_secret.view(), commit_secret, who + " commit secret");
  }
}

// A fresh UpdatePath from the sender, on the tree before any path.
void check_fresh_path(const TreeCase& c, const Json& sender_member, CaseCheck& check) {
  const LeafIndex sender = index_of(sender_member);
  auto& random = crypto::system_random();
  RatchetTree committed = c.tree;
  auto leaf_key = c.suite.hpke().kem().generate_key_pair(random);
  auto prepared = PreparedPath::prepare(
      committed, sender, next_leaf(*c.tree.leaf(sender), std::move(leaf_key.private_key)),
      crypto::Secret(hex_field(sender_member, "signature_priv")), c.group_id, random);
  check.expect(prepared.ok(), failed("fresh path", prepared.error()));
  if (!prepared) return;
  auto sent = std::move(*prepared).encrypt(committed, context_of(c, committed), {}, random);
  check.expect(sent.ok(), failed("fresh path encryption", sent.error()));
  if (!sent) return;
  check.expect(committed.verify_parent_hashes().ok(), "fresh path parent hashes");
  check.expect(committed.verify_leaf_signatures(c.group_id).ok(), "fresh path leaf signature");
  check.expect(sent->private_keys.consistent(committed), "fresh path sender keys");
  RatchetTree merged = c.tree;
  auto status = merge_update_path(merged, sender, sent->path);
  check.expect(status.ok() && merged.tree_hash() == committed.tree_hash(), "fresh path merge");
  if (!status) return;
  for (const auto& member : c.v.at("leaves_private")) {
    const auto leaf = index_of(member);
    if (leaf == sender) continue;
    const auto received = receive(c, member, merged, sender, sent->path, check);
    if (!received) continue;
    const std::string who = "fresh path, leaf " + std::to_string(leaf.value);
    const auto* expected = sent->path_secrets.for_joiner(leaf);
    check.expect(expected != nullptr && *expected == received->path_secret, who + " path secret");
    check.expect(received->commit_secret == sent->commit_secret, who + " commit secret");
  }
}

const Json* member_at(const Json& v, std::uint32_t index) {
  for (const auto& member : v.at("leaves_private")) {
    if (index_of(member).value == index) return &member;
  }
  return nullptr;
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite =
      CipherSuite::find(static_cast<CipherSuiteId>(v.at("cipher_suite").get<std::uint16_t>()));
  auto nodes = codec::decode<RatchetTreeNodes>(hex_field(v, "ratchet_tree"));
  check.expect(suite.ok() && nodes.ok(), "cipher suite or ratchet_tree");
  if (!suite || !nodes) return;
  auto tree = RatchetTree::from_nodes(*suite, *nodes);
  check.expect(tree.ok(), failed("ratchet_tree", tree.error()));
  if (!tree) return;
  const TreeCase c{v, *suite, std::move(*tree), hex_field(v, "group_id")};
  check.expect(c.tree.verify_parent_hashes().ok(), "parent hashes");
  check.expect(c.tree.verify_leaf_signatures(c.group_id).ok(), "leaf signatures");
  check_members(c, check);
  for (const auto& u : v.at("update_paths")) {
    check_given_path(c, u, check);
    const auto* sender = member_at(v, u.at("sender").get<std::uint32_t>());
    check.expect(sender != nullptr, "no private keys for the sender");
    if (sender != nullptr) check_fresh_path(c, *sender, check);
  }
}

}  // namespace

Tally check_treekem(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
