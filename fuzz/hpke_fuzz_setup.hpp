#pragma once

// The fixed parties of hpke_open_fuzz, shared with the seed generator.

#include <cstdint>

#include "conclave/crypto/hpke.hpp"

namespace conclave::fuzz {

struct HpkeParty {
  crypto::Hpke hpke;
  crypto::KemKeyPair recipient;
  crypto::KemKeyPair sender;
};

inline BytesView info() { return as_bytes("conclave hpke fuzz"); }

inline crypto::HpkePsk psk() {
  return {as_bytes("conclave hpke fuzz pre-shared key of 32+ bytes"), as_bytes("psk-id")};
}

inline constexpr crypto::KemId fuzz_kems[] = {
    crypto::KemId::dhkem_x25519_sha256, crypto::KemId::dhkem_p256_sha256,
    crypto::KemId::dhkem_p384_sha384, crypto::KemId::dhkem_p521_sha512,
    crypto::KemId::dhkem_x448_sha512};

inline HpkeParty make_party(crypto::KemId kem) {
  auto hpke = *crypto::Hpke::find({kem, crypto::KdfId::hkdf_sha256, crypto::AeadId::aes_128_gcm});
  auto recipient = *hpke.kem().derive_key_pair(as_bytes("conclave fuzz recipient ikm"));
  auto sender = *hpke.kem().derive_key_pair(as_bytes("conclave fuzz sender ikm"));
  return {hpke, std::move(recipient), std::move(sender)};
}

// The party for a suite selector byte, built once per KEM.
inline const HpkeParty& party_for(std::uint8_t selector) {
  static const HpkeParty parties[] = {make_party(fuzz_kems[0]), make_party(fuzz_kems[1]),
                                      make_party(fuzz_kems[2]), make_party(fuzz_kems[3]),
                                      make_party(fuzz_kems[4])};
  return parties[selector % 5];
}

}  // namespace conclave::fuzz
