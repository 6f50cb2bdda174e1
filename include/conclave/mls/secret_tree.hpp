#pragma once

/// @file
/// RFC 9420 section 9: the secret tree, its per-sender hash ratchets
/// (section 9.1) and their deletion schedule (section 9.2); and the sender
/// data key (section 6.3.2).

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/tree_math.hpp"

namespace conclave::mls {

/// RFC 9420 section 9.1: which of a leaf's two ratchets: `handshake` (for
/// proposals and commits) or `application` (for application messages).
enum class RatchetType : std::uint8_t { handshake, application };

/// The key and nonce of one generation of a sender's ratchet.
struct RatchetKey {
  crypto::Secret key;    ///< AEAD.Nk bytes
  crypto::Secret nonce;  ///< AEAD.Nn bytes
  std::uint32_t generation = 0;  ///< The generation they belong to.
  CONCLAVE_FIELDS(key, nonce, generation)
};

/// One hash ratchet as stored (group state serialization).
struct StoredRatchet {
  crypto::Secret secret;          ///< The ratchet secret of generation `next`.
  std::uint64_t next = 0;         ///< The next generation not yet derived.
  std::vector<RatchetKey> kept;   ///< Keys kept for skipped generations below `next`.
  CONCLAVE_FIELDS(secret, next, kept)
};

/// The two ratchets of one used leaf, as stored.
struct StoredLeafRatchets {
  std::uint32_t leaf = 0;     ///< The leaf index.
  StoredRatchet handshake;    ///< Its handshake ratchet.
  StoredRatchet application;  ///< Its application ratchet.
  CONCLAVE_FIELDS(leaf, handshake, application)
};

/// One derived, unconsumed node secret of the tree's frontier, as stored.
struct StoredNodeSecret {
  std::uint32_t node = 0;  ///< The node index.
  crypto::Secret secret;   ///< The node's secret (KDF.Nh bytes).
  CONCLAVE_FIELDS(node, secret)
};

/// A secret tree as stored (group state serialization): its frontier node
/// secrets and the ratchets of the leaves that have been used.
struct StoredSecretTree {
  std::vector<StoredNodeSecret> nodes;       ///< The frontier, by node index.
  std::vector<StoredLeafRatchets> ratchets;  ///< The used leaves, by leaf index.
  CONCLAVE_FIELDS(nodes, ratchets)
};

/// How far a receiver's ratchets tolerate reordering and gaps; both bounds
/// are local policy.
struct SecretTreeOptions {
  /// Keys kept for generations skipped or received out of order: a
  /// generation stays retrievable while it is at most this far below the
  /// newest generation taken from its ratchet.
  std::uint32_t out_of_order_window = 128;
  /// The furthest a receiver will ratchet ahead: at most this many
  /// generations past the next unused one.
  std::uint32_t max_forward_distance = 1024;
};

/// RFC 9420 section 9: the secret tree of one epoch. Secrets are derived on
/// first use and deleted as soon as they are consumed (section 9.2): a
/// node's secret once both its children are derived, a leaf's once its two
/// ratchets are, each ratchet secret once it has advanced, each key once it
/// is returned. Only leaves that have been used hold ratchet state. Not
/// thread-safe.
class SecretTree {
 public:
  /// A tree whose root secret is the epoch's encryption_secret.
  /// @param suite The group's cipher suite.
  /// @param encryption_secret The epoch's encryption_secret (section 8).
  /// @param leaves The number of leaves of the epoch's ratchet tree.
  /// @param options The reordering bounds for received keys.
  SecretTree(const CipherSuite& suite, crypto::Secret encryption_secret, LeafCount leaves,
             SecretTreeOptions options = {});

  /// The number of leaves the tree was made for.
  LeafCount leaf_count() const noexcept { return leaves_; }

  /// The sender's own next key: the next unused generation of its ratchet,
  /// which then advances.
  /// @errors `Errc::invalid_sender` for a leaf outside the tree;
  /// `Errc::message_limit` once generation 2^32 - 1 has been used;
  /// `Errc::internal` if a derivation fails.
  Result<RatchetKey> next(LeafIndex sender, RatchetType type);

  /// A receiver's key for `generation`, each at most once (RFC 9420
  /// section 9.2). A failed call changes nothing.
  /// @errors `Errc::invalid_sender` for a leaf outside the tree;
  /// `Errc::generation_consumed` for a generation already returned or no
  /// longer kept; `Errc::generation_too_far` beyond
  /// SecretTreeOptions::max_forward_distance; `Errc::internal` if a
  /// derivation fails.
  Result<RatchetKey> get(LeafIndex sender, RatchetType type, std::uint32_t generation);

  /// The tree's remaining secrets and ratchet state, for serialization.
  StoredSecretTree store() const;
  /// A tree from what store() returned.
  /// @param suite The group's cipher suite.
  /// @param leaves The number of leaves, as the tree had when stored.
  /// @param options The reordering bounds for received keys.
  /// @param stored What store() returned.
  /// @errors `Errc::invalid_value` when a stored node or leaf lies outside a
  /// tree of `leaves` leaves, or a node secret is not KDF.Nh bytes.
  static Result<SecretTree> restore(const CipherSuite& suite, LeafCount leaves,
                                    SecretTreeOptions options, StoredSecretTree stored);

  /// What changed since the last call: whether the frontier did, and the
  /// leaves whose ratchets did, in ascending order. For storage that writes
  /// only what changed.
  struct Changes {
    bool frontier = false;             ///< Whether store_frontier() changed.
    std::vector<std::uint32_t> leaves;  ///< The leaves whose store_leaf() changed.
  };
  /// The changes since the tree was made or the last call; the record
  /// starts again, empty.
  Changes take_changes();
  /// The frontier's node secrets, by node index (part of store()).
  std::vector<StoredNodeSecret> store_frontier() const;
  /// One leaf's ratchets (part of store()), or nothing for a leaf not used.
  /// @param leaf The leaf.
  std::optional<StoredLeafRatchets> store_leaf(LeafIndex leaf) const;

  /// The key get() would return, failing as get() would, but consuming
  /// nothing: for trying a decryption before committing to it with get()
  /// (section 9.2 counts a key as consumed once it decrypted successfully).
  /// @errors The same as get().
  Result<RatchetKey> peek(LeafIndex sender, RatchetType type, std::uint32_t generation) const;

 private:
  // One hash ratchet (section 9.1): the secret of its next generation and
  // the keys kept for skipped generations below it.
  class Ratchet {
   public:
    explicit Ratchet(crypto::Secret secret) noexcept : secret_(std::move(secret)) {}
    StoredRatchet store() const;
    static Ratchet restore(StoredRatchet stored);
    std::uint64_t next_generation() const noexcept { return next_; }
    Result<RatchetKey> take(const CipherSuite& suite, std::uint32_t generation,
                            const SecretTreeOptions& options);
    Result<RatchetKey> peek(const CipherSuite& suite, std::uint32_t generation,
                            const SecretTreeOptions& options) const;

   private:
    // The keys of generations first_kept to `generation` and the ratchet
    // secret after `generation`, derived from the current state.
    struct Walk {
      std::vector<RatchetKey> keys;
      crypto::Secret secret;
    };
    Result<Walk> walk(const CipherSuite& suite, std::uint32_t generation,
                      std::uint32_t first_kept) const;
    Result<RatchetKey> advance(const CipherSuite& suite, std::uint32_t generation,
                               std::uint32_t window);

    crypto::Secret secret_;  // ratchet_secret_[next_]
    std::uint64_t next_ = 0;
    std::map<std::uint32_t, RatchetKey> kept_;
  };

  struct LeafRatchets {
    Ratchet handshake;
    Ratchet application;
    bool changed = false;  // listed in changed_leaves_
  };

  // The derivation down from the frontier node above a leaf: that node, the
  // siblings of the path below it, and the leaf's secret.
  struct PathSplit {
    std::uint32_t top = 0;
    std::vector<std::pair<std::uint32_t, crypto::Secret>> siblings;
    crypto::Secret leaf;
  };

  Result<Ratchet*> ratchet_of(LeafIndex sender, RatchetType type);
  void mark_changed(LeafIndex leaf);
  Result<LeafRatchets*> derive_leaf(LeafIndex leaf);
  Result<PathSplit> split_path(LeafIndex leaf) const;
  Result<LeafRatchets> start_ratchets(BytesView leaf_secret) const;

  CipherSuite suite_;
  LeafCount leaves_;
  SecretTreeOptions options_;
  // The frontier of derived, unconsumed node secrets, by node index.
  std::unordered_map<std::uint32_t, crypto::Secret> nodes_;
  // The ratchets of leaves that have been used, by leaf index.
  std::unordered_map<std::uint32_t, LeafRatchets> ratchets_;
  // What changed since the last take_changes().
  bool frontier_changed_ = false;
  std::vector<std::uint32_t> changed_leaves_;
};

/// RFC 9420 section 6.3.2: the key and nonce that protect a PrivateMessage's
/// sender data, from a sample of its ciphertext.
using SenderDataKeys = AeadKeyNonce;

/// RFC 9420 section 6.3.2: sender_data_key and sender_data_nonce, from the
/// epoch's sender_data_secret and the first KDF.Nh bytes of `ciphertext`
/// (all of it when shorter).
/// @errors Those of expand_key_nonce().
Result<SenderDataKeys> sender_data_keys(const CipherSuite& suite, BytesView sender_data_secret,
                                        BytesView ciphertext);

}  // namespace conclave::mls
