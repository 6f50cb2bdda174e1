// Decodes arbitrary bytes as a ratchet_tree extension and validates the
// tree the way a joiner does (RFC 9420 section 12.4.3.1): structure, tree
// hash, parent hashes, leaf signatures. Every step gives a value or a typed
// error, and an accepted tree re-encodes to its input.

#include <cstdint>
#include <cstdlib>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/ratchet_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  static const auto suite =
      *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  auto nodes = codec::decode<mls::RatchetTreeNodes>(BytesView(data, size),
                                                    codec::Limits{.max_vector_length = 1 << 16});
  if (!nodes) return 0;
  auto tree = mls::RatchetTree::from_nodes(suite, *nodes);
  if (!tree) return 0;
  if (codec::encode(tree->to_nodes()) != Bytes(data, data + size)) std::abort();
  (void)tree->tree_hash();
  (void)tree->verify_parent_hashes();
  (void)tree->verify_leaf_signatures(as_bytes("group"));
  for (std::uint32_t leaf = 0; leaf < tree->leaf_count().value(); ++leaf) {
    (void)tree->filtered_direct_path(mls::LeafIndex{leaf});
  }
  return 0;
}
