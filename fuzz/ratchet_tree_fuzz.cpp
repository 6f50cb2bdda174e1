// Decodes arbitrary bytes as a ratchet_tree extension and validates the
// tree the way a joiner does (RFC 9420 section 12.4.3.1): structure, tree
// hash, parent hashes, leaf signatures. Every step gives a value or a typed
// error, and an accepted tree re-encodes to its input. The joiner's path,
// RatchetTree::from_encoded(), keeps within its memory budget
// (decode_budget.hpp) and agrees with decoding the node list and
// from_nodes(): both accept, with the same tree hash, or both refuse
// (unless the decoded list is beyond its own budget).

#include <cstdint>
#include <cstdlib>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "decode_budget.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  static const auto suite =
      *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  const BytesView input(data, size);
  auto tree = fuzz::decode_within_budget(
      size, [&] { return mls::RatchetTree::from_encoded(suite, input, fuzz::fuzz_limits); });
  // A list of decoded nodes takes far more memory than from_encoded() keeps:
  // when it is beyond its budget there is nothing to compare.
  auto nodes = codec::decode<mls::RatchetTreeNodes>(input, fuzz::fuzz_limits);
  if (nodes || nodes.error() != Errc::decode_limit) {
    auto from_nodes = nodes ? mls::RatchetTree::from_nodes(suite, *nodes)
                            : Result<mls::RatchetTree>(nodes.error());
    if (tree.ok() != from_nodes.ok()) std::abort();
    if (tree && tree->tree_hash() != from_nodes->tree_hash()) std::abort();
  }
  if (!tree) return 0;
  if (tree->encoded_nodes() != Bytes(data, data + size)) std::abort();
  (void)tree->verify_parent_hashes();
  (void)tree->verify_leaf_signatures(as_bytes("group"));
  for (std::uint32_t leaf = 0; leaf < tree->leaf_count().value(); ++leaf) {
    (void)tree->filtered_direct_path(mls::LeafIndex{leaf});
  }
  return 0;
}
