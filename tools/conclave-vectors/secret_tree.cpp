// secret-tree.json (mls-implementations): RFC 9420 section 6.3.2's sender
// data key and nonce, and section 9's ratchets for every leaf, obtained
// through SecretTree::get.

#include <limits>
#include <string>

#include "check.hpp"
#include "conclave/mls/secret_tree.hpp"

namespace conclave::vectors {

namespace {

using mls::CipherSuite;
using mls::RatchetType;

void check_sender_data(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  auto keys =
      mls::sender_data_keys(suite, hex_field(v, "sender_data_secret"), hex_field(v, "ciphertext"));
  check.expect(keys.ok(), "sender_data_keys failed");
  if (!keys) return;
  check.expect_equal(keys->key.view(), hex_field(v, "key"), "sender data key");
  check.expect_equal(keys->nonce.view(), hex_field(v, "nonce"), "sender data nonce");
}

void check_ratchet(mls::SecretTree& tree, mls::LeafIndex leaf, RatchetType type, const Json& v,
                   CaseCheck& check) {
  const bool handshake = type == RatchetType::handshake;
  const std::string prefix = handshake ? "handshake" : "application";
  const auto generation = v.at("generation").get<std::uint32_t>();
  auto key = tree.get(leaf, type, generation);
  check.expect(key.ok(), "leaf " + std::to_string(leaf.value) + " " + prefix + " generation " +
                             std::to_string(generation) + " unavailable");
  if (!key) return;
  check.expect(key->generation == generation, prefix + " generation differs");
  check.expect_equal(key->key.view(), hex_field(v, (prefix + "_key").c_str()), prefix + " key");
  check.expect_equal(key->nonce.view(), hex_field(v, (prefix + "_nonce").c_str()),
                     prefix + " nonce");
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite =
      suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  check_sender_data(*suite, v.at("sender_data"), check);
  const auto& leaves = v.at("leaves");
  const auto count = mls::LeafCount::of(static_cast<std::uint32_t>(leaves.size()));
  check.expect(count.has_value(), "leaf count is not a power of two");
  if (!count) return;
  // Each leaf's generations are listed in increasing order: allow any jump
  // between them; no skipped key is asked for later.
  const mls::SecretTreeOptions options{
      .out_of_order_window = 0, .max_forward_distance = std::numeric_limits<std::uint32_t>::max()};
  mls::SecretTree tree(*suite, crypto::Secret(hex_field(v, "encryption_secret")), *count, options);
  for (std::uint32_t leaf = 0; leaf < leaves.size(); ++leaf) {
    for (const auto& generation : leaves.at(leaf)) {
      check_ratchet(tree, mls::LeafIndex{leaf}, RatchetType::handshake, generation, check);
      check_ratchet(tree, mls::LeafIndex{leaf}, RatchetType::application, generation, check);
    }
  }
}

}  // namespace

Tally check_secret_tree(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
