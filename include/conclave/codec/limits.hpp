#pragma once

/// @file
/// Decoding limits for untrusted input: how long a vector may be, how many
/// items it may hold, and how much memory a decoded value may take.

#include <cstddef>

namespace conclave::codec {

/// Bounds applied while decoding untrusted input. Every decode is bounded in
/// items (the per-vector caps), in memory (the budget: memory_per_input_byte
/// times the input size plus memory_base, shared by every nested vector) and
/// so in time, which is linear in the input plus the items decoded. A value
/// beyond a cap or the budget fails with `Errc::decode_limit`.
///
/// The defaults are sized for a group of 100,000 members: its ratchet tree
/// (131,072 leaf positions, 262,143 nodes, about 24 MB encoded with Ed25519
/// and X25519 keys and basic credentials) decodes through
/// mls::RatchetTree::from_encoded(), which stores each node as its encoding;
/// as a vector of decoded nodes (mls::RatchetTreeNodes, some 600 bytes of
/// memory a node) a tree of up to 16,384 members fits the memory budget.
struct Limits {
  /// The largest length any single variable-length vector may declare
  /// (`Errc::length_limit` beyond it). The RFC allows up to 2^30 - 1. 64 MiB
  /// holds the 100,000-member tree's 24 MB ratchet_tree extension (and the
  /// GroupInfo and Welcome around it) with room for larger credentials; the
  /// declared bytes must be present in the input, so the bound costs no memory.
  std::size_t max_vector_length = std::size_t{1} << 26;
  /// Items in a vector whose item type names no cap of its own (see
  /// VectorItemLimit): 2^20, above the largest honest list (the unmerged
  /// leaves of a root, at most max_tree_nodes / 2 + 1), so the memory budget
  /// is what binds first.
  std::size_t max_vector_items = std::size_t{1} << 20;
  /// Proposals in one Commit (by value or by reference): 2^16, so the cap
  /// never refuses a list the memory budget holds (32,768 proposals); beyond
  /// it a list is an attack on the receiver's validation time.
  std::size_t max_proposals = std::size_t{1} << 16;
  /// Nodes in a ratchet tree (the ratchet_tree extension's list): 2^18 - 1,
  /// the full tree of 131,072 leaf positions that a 100,000-member group
  /// needs. A receiver's tree takes about 70 bytes a node beyond its
  /// encoding, so the cap bounds that memory at about 18 MiB.
  std::size_t max_tree_nodes = (std::size_t{1} << 18) - 1;
  /// Extensions in one list (a GroupContext's, a LeafNode's, a KeyPackage's,
  /// a GroupInfo's): 1,024. Section 13 forbids repeated types and real lists
  /// hold a handful; the cap leaves room for private and GREASE types.
  std::size_t max_extensions = 1024;
  /// The memory budget's factor: the decoded value may take this many bytes
  /// of memory for each byte of input. 2, so that a 16 MB message is decoded
  /// (or refused) within 64 MiB with memory_base.
  std::size_t memory_per_input_byte = 2;
  /// The memory budget's constant: 24 MiB, which a small input may use
  /// whole. It covers the honest values that are much larger decoded than
  /// encoded: a Commit of 32,768 removes (7 bytes each on the wire, a
  /// 376-byte ProposalOrRef each in memory), a Welcome to thousands of
  /// joiners, a decoded tree (RatchetTreeNodes) of 16,384 members.
  std::size_t memory_base = std::size_t{24} << 20;

  /// The memory budget of a decode of `input_size` bytes:
  /// memory_per_input_byte * input_size + memory_base.
  constexpr std::size_t memory_budget(std::size_t input_size) const noexcept {
    return memory_per_input_byte * input_size + memory_base;
  }
};

/// The field of Limits that caps the items of a `std::vector<T>`:
/// Limits::max_vector_items unless a specialization names another. The
/// MLS headers specialize it for proposals, tree nodes and extensions.
/// @tparam T the item type.
template <class T>
struct VectorItemLimit {
  static constexpr std::size_t Limits::*field = &Limits::max_vector_items;  ///< The cap's field.
};

}  // namespace conclave::codec
