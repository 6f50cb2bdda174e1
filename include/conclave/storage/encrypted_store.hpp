#pragma once

/// @file
/// A Store that encrypts every value under an application key before it
/// reaches another Store. Keys stay in the clear: whoever reads the files
/// sees the tables' keys (group IDs, epochs, leaf and node indexes) and each
/// value's size, but no value.

#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::storage {

/// Seals each value with ChaCha20-Poly1305 under the application's key and a
/// fresh random nonce, authenticating the table and key with it, so that a
/// value altered, or moved to another key or table, fails to open.
///
/// A stored value is a format byte (1), the 12-byte nonce, and the
/// ciphertext with its 16-byte tag. Random nonces bound one key to about
/// 2^32 puts (a nonce collision probability of 2^-32).
class EncryptedStore final : public Store {
 public:
  /// The size of the application's key in bytes.
  static constexpr std::size_t key_size = 32;

  /// A store that keeps its records in `inner`, which must outlive it, with
  /// values sealed under `key`, nonces drawn from `random`.
  /// @errors `Errc::invalid_length` when `key` is not key_size bytes.
  static Result<EncryptedStore> create(Store& inner, crypto::Secret key,
                                       crypto::RandomSource& random = crypto::system_random());

  /// The record at `key` in `table`, opened, or nothing.
  /// @errors As the inner store's get(); `Errc::storage_corrupt` also when
  /// the stored value does not open under this store's key, table and key.
  Result<std::optional<crypto::Secret>> get(Table table, BytesView key) override;
  /// Every record of `table` whose key starts with `prefix`, opened, by key
  /// in ascending byte order.
  /// @errors As get(), for any of the records.
  Result<std::vector<Record>> list(Table table, BytesView prefix) override;
  /// Seals the values of `batch`'s puts and applies it to the inner store.
  /// @errors As the inner store's apply(); `Errc::internal` if the
  /// cryptographic provider fails (nothing is then applied).
  Status apply(const Batch& batch) override;

 private:
  EncryptedStore(Store& inner, crypto::Secret key, crypto::Aead aead,
                 crypto::RandomSource& random) noexcept;

  Result<crypto::Secret> seal(Table table, BytesView key, BytesView value) const;
  Result<crypto::Secret> open(Table table, BytesView key, BytesView sealed) const;

  Store* inner_;
  crypto::Secret key_;
  crypto::Aead aead_;
  crypto::RandomSource* random_;
};

}  // namespace conclave::storage
