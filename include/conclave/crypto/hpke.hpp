#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// RFC 9180 section 5: the mode follows from the inputs given (a PSK, a
// sender key pair, both or neither).
enum class HpkeMode : std::uint8_t { base = 0, psk = 1, auth = 2, auth_psk = 3 };

struct HpkeSuite {
  KemId kem;
  KdfId kdf;
  AeadId aead;
};

struct HpkePsk {
  BytesView psk;
  BytesView psk_id;
};

// What the sender contributes beyond the recipient's public key.
struct HpkeSenderOptions {
  BytesView info;
  std::optional<HpkePsk> psk;
  const KemKeyPair* sender_key = nullptr;  // selects the auth modes
};

// What the recipient needs beyond enc and its own key pair.
struct HpkeReceiverOptions {
  BytesView info;
  std::optional<HpkePsk> psk;
  std::optional<BytesView> sender_public_key;  // selects the auth modes
};

// An encryption context (RFC 9180 section 5.2). Each seal or open uses the
// next sequence number; the two sides must process messages in order.
class HpkeContext {
 public:
  Result<Bytes> seal(BytesView aad, BytesView plaintext);
  Result<Bytes> open(BytesView aad, BytesView ciphertext);
  // RFC 9180 section 5.3; length at most 255 * Nh.
  Result<Secret> export_secret(BytesView exporter_context, std::size_t length) const;

  BytesView key() const noexcept { return key_.view(); }
  BytesView base_nonce() const noexcept { return base_nonce_.view(); }
  BytesView exporter_secret() const noexcept { return exporter_secret_.view(); }

 private:
  friend class Hpke;
  HpkeContext(std::optional<Aead> aead, Kdf kdf, Bytes suite_id, Secret key, Secret base_nonce,
              Secret exporter_secret);
  Result<Bytes> next_nonce();

  std::optional<Aead> aead_;  // empty for export-only suites
  Kdf kdf_;
  Bytes suite_id_;
  Secret key_;
  Secret base_nonce_;
  Secret exporter_secret_;
  std::uint64_t sequence_ = 0;
};

struct HpkeSender {
  Bytes enc;
  HpkeContext context;
};

struct HpkeSealed {
  Bytes enc;
  Bytes ciphertext;
};

// RFC 9180 section 5.1: info enters the key schedule only through
// LabeledExtract("", "info_hash", info). A sender sealing one info to many
// recipients hashes it once (Hpke::prepare_info).
struct HpkePreparedInfo {
  Secret info_hash;
};

// Hybrid public-key encryption, RFC 9180, built on the EVP primitives.
class Hpke {
 public:
  static Result<Hpke> find(HpkeSuite suite);

  const HpkeSuite& suite() const noexcept { return suite_; }
  const Dhkem& kem() const noexcept { return kem_; }

  Result<HpkeSender> setup_sender(BytesView recipient_public_key, const HpkeSenderOptions& options,
                                  RandomSource& random) const;
  Result<HpkeContext> setup_receiver(BytesView enc, const KemKeyPair& recipient,
                                     const HpkeReceiverOptions& options) const;

  // Single-shot APIs (RFC 9180 section 6).
  Result<HpkeSealed> seal(BytesView recipient_public_key, const HpkeSenderOptions& options,
                          BytesView aad, BytesView plaintext, RandomSource& random) const;
  Result<Bytes> open(BytesView enc, const KemKeyPair& recipient,
                     const HpkeReceiverOptions& options, BytesView aad,
                     BytesView ciphertext) const;

  // Base-mode single-shot seal with an info prepared once for many
  // recipients; equal to seal() with that info.
  HpkePreparedInfo prepare_info(BytesView info) const;
  Result<HpkeSealed> seal_prepared(BytesView recipient_public_key, const HpkePreparedInfo& info,
                                   BytesView aad, BytesView plaintext,
                                   RandomSource& random) const;

  // setup_sender with a caller-chosen ephemeral key pair, for test vectors.
  Result<HpkeSender> setup_sender_for_testing(BytesView recipient_public_key,
                                              const HpkeSenderOptions& options,
                                              const KemKeyPair& ephemeral) const;

 private:
  Hpke(HpkeSuite suite, Dhkem kem, Kdf kdf, std::optional<Aead> aead) noexcept
      : suite_(suite), kem_(kem), kdf_(kdf), aead_(aead) {}

  Result<HpkeContext> key_schedule(HpkeMode mode, const Secret& shared_secret,
                                   const HpkePreparedInfo& info,
                                   const std::optional<HpkePsk>& psk) const;
  Bytes suite_id() const;

  HpkeSuite suite_;
  Dhkem kem_;
  Kdf kdf_;
  std::optional<Aead> aead_;
};

}  // namespace conclave::crypto
