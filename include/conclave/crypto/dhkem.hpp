#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// RFC 9180 section 7.1 KEM identifiers.
enum class KemId : std::uint16_t {
  dhkem_p256_sha256 = 0x0010,
  dhkem_p384_sha384 = 0x0011,
  dhkem_p521_sha512 = 0x0012,
  dhkem_x25519_sha256 = 0x0020,
  dhkem_x448_sha512 = 0x0021,
};

struct KemKeyPair {
  Secret private_key;  // Nsk bytes: a scalar (NIST curves) or RFC 7748 key
  Bytes public_key;    // Npk bytes: uncompressed point or RFC 7748 key
};

struct Encapsulation {
  Secret shared_secret;
  Bytes enc;
};

class DhGroup;

// DHKEM (RFC 9180 section 4.1) over one of five Diffie-Hellman groups.
// Every public key input is validated (section 7.1.4) before use.
class Dhkem {
 public:
  static Result<Dhkem> find(KemId id);

  KemId id() const noexcept { return id_; }
  std::size_t secret_size() const noexcept;       // Nsecret
  std::size_t enc_size() const noexcept;          // Nenc
  std::size_t public_key_size() const noexcept;   // Npk
  std::size_t private_key_size() const noexcept;  // Nsk

  KemKeyPair generate_key_pair(RandomSource& random) const;
  Result<KemKeyPair> derive_key_pair(BytesView ikm) const;
  Result<Bytes> public_key_of(const Secret& private_key) const;
  Status validate_public_key(BytesView public_key) const;

  Result<Encapsulation> encap(BytesView recipient_public_key, RandomSource& random) const;
  Result<Secret> decap(BytesView enc, const KemKeyPair& recipient) const;
  Result<Encapsulation> auth_encap(BytesView recipient_public_key, const KemKeyPair& sender,
                                   RandomSource& random) const;
  Result<Secret> auth_decap(BytesView enc, const KemKeyPair& recipient,
                            BytesView sender_public_key) const;

  // Encap (or AuthEncap when `sender` is set) with a caller-chosen ephemeral
  // key pair, as RFC 9180's test vectors need. Never reuse an ephemeral key.
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
