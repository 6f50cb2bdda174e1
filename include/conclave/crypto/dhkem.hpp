#pragma once

/// @file
/// DHKEM, the Diffie-Hellman key encapsulation mechanism of RFC 9180.
///
/// Every operation hashes through hmac(), so each may also throw what that
/// documents (std::runtime_error) if the crypto provider fails there.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

/// RFC 9180 section 7.1 KEM identifiers.
enum class KemId : std::uint16_t {
  dhkem_p256_sha256 = 0x0010,    ///< DHKEM(P-256, HKDF-SHA256).
  dhkem_p384_sha384 = 0x0011,    ///< DHKEM(P-384, HKDF-SHA384).
  dhkem_p521_sha512 = 0x0012,    ///< DHKEM(P-521, HKDF-SHA512).
  dhkem_x25519_sha256 = 0x0020,  ///< DHKEM(X25519, HKDF-SHA256).
  dhkem_x448_sha512 = 0x0021,    ///< DHKEM(X448, HKDF-SHA512).
};

/// A KEM key pair in RFC 9180's serialized forms.
struct KemKeyPair {
  Secret private_key;  ///< Nsk bytes: a scalar (NIST curves) or RFC 7748 key
  Bytes public_key;    ///< Npk bytes: uncompressed point or RFC 7748 key
};

/// What Encap returns: the shared secret for the sender, and enc for the recipient.
struct Encapsulation {
  Secret shared_secret;  ///< Nsecret bytes, for the sender's key schedule.
  Bytes enc;             ///< Nenc bytes: the serialized ephemeral public key, sent to the recipient.
};

class DhGroup;

/// DHKEM (RFC 9180 section 4.1) over one of five Diffie-Hellman groups.
/// Every public key input is validated (section 7.1.4) before use.
class Dhkem {
 public:
  /// The DHKEM for `id`.
  ///
  /// @errors `Errc::unsupported_algorithm` for an identifier not listed in KemId.
  static Result<Dhkem> find(KemId id);

  /// The KEM's identifier.
  KemId id() const noexcept { return id_; }
  std::size_t secret_size() const noexcept;       ///< Nsecret
  std::size_t enc_size() const noexcept;          ///< Nenc
  std::size_t public_key_size() const noexcept;   ///< Npk
  std::size_t private_key_size() const noexcept;  ///< Nsk

  /// GenerateKeyPair (RFC 9180 section 4): DeriveKeyPair over Nsk fresh bytes
  /// from `random`, drawn again in the negligible case that derivation fails.
  ///
  /// @throws std::runtime_error if the crypto provider fails.
  KemKeyPair generate_key_pair(RandomSource& random) const;
  /// DeriveKeyPair (RFC 9180 section 7.1.3): a key pair fixed by the input
  /// keying material `ikm`, which should hold at least Nsk bytes of entropy.
  ///
  /// @errors `Errc::derive_key_pair_failed` on a NIST curve when none of 256
  /// candidates is a valid scalar (negligibly rare); `Errc::internal` if the
  /// crypto provider fails.
  Result<KemKeyPair> derive_key_pair(BytesView ikm) const;
  /// The serialized public key of a serialized private key.
  ///
  /// On a NIST curve a scalar shorter than Nsk bytes is taken as having its
  /// leading zero bytes dropped.
  ///
  /// @errors `Errc::invalid_private_key` when `private_key` is not a key of
  /// this group (on a NIST curve: longer than Nsk bytes, or zero or not below
  /// the group order; for X25519 and X448: not exactly Nsk bytes);
  /// `Errc::internal` if the crypto provider fails.
  Result<Bytes> public_key_of(const Secret& private_key) const;
  /// Checks a serialized public key as every operation here does before use
  /// (RFC 9180 section 7.1.4).
  ///
  /// @errors `Errc::invalid_public_key` when `public_key` is not Npk bytes or,
  /// on a NIST curve, not an uncompressed point on the curve other than the
  /// point at infinity.
  Status validate_public_key(BytesView public_key) const;

  /// Encap (RFC 9180 section 4.1): a fresh shared secret for the holder of
  /// `recipient_public_key`, and the enc that lets it recover the secret.
  ///
  /// @errors `Errc::invalid_public_key` when `recipient_public_key` does not
  /// pass validate_public_key(); `Errc::dh_failure` when the Diffie-Hellman
  /// output is the identity or all zero; `Errc::internal` if the crypto
  /// provider fails.
  Result<Encapsulation> encap(BytesView recipient_public_key, RandomSource& random) const;
  /// Decap (RFC 9180 section 4.1): the shared secret of an enc made for `recipient`.
  ///
  /// @errors `Errc::invalid_public_key` when `enc` is not a valid public key;
  /// `Errc::invalid_private_key` when `recipient.private_key` is not a key of
  /// this group; `Errc::dh_failure` when the Diffie-Hellman output is the
  /// identity or all zero; `Errc::internal` if the crypto provider fails.
  Result<Secret> decap(BytesView enc, const KemKeyPair& recipient) const;
  /// AuthEncap (RFC 9180 section 4.1): as encap(), and the secret also binds
  /// the sender's static key pair, so the recipient learns who sent it.
  ///
  /// @errors those of encap(); `Errc::invalid_private_key` when
  /// `sender.private_key` is not a key of this group.
  Result<Encapsulation> auth_encap(BytesView recipient_public_key, const KemKeyPair& sender,
                                   RandomSource& random) const;
  /// AuthDecap (RFC 9180 section 4.1): as decap(), for an enc made by
  /// auth_encap() with the key pair whose public key is `sender_public_key`.
  ///
  /// @errors those of decap(); `Errc::invalid_public_key` also when
  /// `sender_public_key` is not a valid public key.
  Result<Secret> auth_decap(BytesView enc, const KemKeyPair& recipient,
                            BytesView sender_public_key) const;

  /// Encap (or AuthEncap when `sender` is set) with a caller-chosen ephemeral
  /// key pair, as RFC 9180's test vectors need. Never reuse an ephemeral key.
  ///
  /// @param recipient_public_key the recipient's serialized public key.
  /// @param ephemeral the ephemeral key pair; its public key becomes `enc`.
  /// @param sender the sender's static key pair for AuthEncap, or null for Encap.
  ///
  /// @errors those of auth_encap(); `Errc::invalid_private_key` also when
  /// `ephemeral.private_key` is not a key of this group.
  Result<Encapsulation> encap_for_testing(BytesView recipient_public_key,
                                          const KemKeyPair& ephemeral,
                                          const KemKeyPair* sender) const;

 private:
  Dhkem(KemId id, const DhGroup& group, Kdf kdf) noexcept : id_(id), group_(&group), kdf_(kdf) {}

  Result<Secret> extract_and_expand(BytesView dh, BytesView kem_context) const;

  KemId id_;
  const DhGroup* group_;
  Kdf kdf_;
};

}  // namespace conclave::crypto
