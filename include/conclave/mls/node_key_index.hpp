#pragma once

/// @file
/// The ratchet tree's uniqueness indexes (RFC 9420 section 7.3): which node
/// carries a given encryption key, which leaf a given signature key. An
/// open-addressing table of node indexes, 4 bytes a slot; the keys themselves
/// stay in the tree and are read back through a caller's `key_of`. Slots are
/// found by a keyed hash with a random key, so chosen keys cannot make probe
/// chains long.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"

namespace conclave::mls {

/// One uniqueness index of the ratchet tree: from a key to the entry (a
/// node or leaf index) that carries it. Each entry's key must be distinct;
/// the caller checks with find() before insert(). Not thread-safe for
/// writes.
class NodeKeyIndex {
 public:
  /// An empty index, with a fresh random hash key.
  NodeKeyIndex();

  /// The entry whose key equals `key`; key_of(entry) gives an entry's key.
  /// @param key the key to look up.
  /// @param key_of a callable taking an entry (`std::uint32_t`) and
  /// returning its key as a byte range.
  /// @return the entry, or nullopt when no entry has that key.
  template <class KeyOf>
  std::optional<std::uint32_t> find(BytesView key, const KeyOf& key_of) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t i = home(key);; i = next(i)) {
      if (slots_[i] == empty_slot) return std::nullopt;
      if (std::ranges::equal(key_of(slots_[i]), key)) return slots_[i];
    }
  }

  /// Adds `entry`, whose key (not yet in the index) is `key`. Doubles the
  /// table when it would become more than half full.
  /// @param entry the node or leaf index to add.
  /// @param key the entry's key, which no entry of the index has.
  /// @param key_of gives the keys of the entries already present, to place
  /// them again when the table grows.
  template <class KeyOf>
  void insert(std::uint32_t entry, BytesView key, const KeyOf& key_of) {
    if (2 * (count_ + 1) > slots_.size()) rehash(std::max<std::size_t>(16, 2 * slots_.size()), key_of);
    place(entry, key);
    ++count_;
  }

  /// Removes `entry`, whose key is `key`, closing the gap by moving later
  /// entries of the probe chain back (no tombstones). Does nothing when the
  /// entry is not in the index.
  /// @param entry the node or leaf index to remove.
  /// @param key the entry's key, as it was inserted.
  /// @param key_of gives the keys of the other entries, to move them.
  template <class KeyOf>
  void erase(std::uint32_t entry, BytesView key, const KeyOf& key_of) {
    if (slots_.empty()) return;
    std::size_t gap = home(key);
    while (slots_[gap] != entry) {
      if (slots_[gap] == empty_slot) return;
      gap = next(gap);
    }
    for (std::size_t i = next(gap); slots_[i] != empty_slot; i = next(i)) {
      const std::size_t wanted = home(key_of(slots_[i]));
      if (distance(wanted, i) >= distance(gap, i)) {
        slots_[gap] = slots_[i];
        gap = i;
      }
    }
    slots_[gap] = empty_slot;
    --count_;
  }

 private:
  static constexpr std::uint32_t empty_slot = ~std::uint32_t{0};

  std::size_t home(BytesView key) const;
  std::size_t next(std::size_t i) const { return (i + 1) & (slots_.size() - 1); }
  std::size_t distance(std::size_t from, std::size_t to) const {
    return (to - from) & (slots_.size() - 1);
  }
  void place(std::uint32_t entry, BytesView key) {
    std::size_t i = home(key);
    while (slots_[i] != empty_slot) i = next(i);
    slots_[i] = entry;
  }
  template <class KeyOf>
  void rehash(std::size_t capacity, const KeyOf& key_of) {
    std::vector<std::uint32_t> old(capacity, empty_slot);
    old.swap(slots_);
    for (const auto entry : old) {
      if (entry != empty_slot) place(entry, key_of(entry));
    }
  }

  std::array<std::uint8_t, 16> hash_key_{};
  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace conclave::mls
