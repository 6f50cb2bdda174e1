#pragma once

/// @file
/// Hybrid public-key encryption (RFC 9180) in all four modes, including export-only suites.
///
/// The key schedule and the KEM hash through hmac(), so the operations that
/// run them may also throw what that documents (std::runtime_error) if the
/// crypto provider fails there.

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

/// RFC 9180 section 5: the mode follows from the inputs given (a PSK, a
/// sender key pair, both or neither).
///
/// `base` uses neither, `psk` a pre-shared key, `auth` the sender's static
/// key pair, and `auth_psk` both; the values are the mode bytes of the key
/// schedule.
enum class HpkeMode : std::uint8_t { base = 0, psk = 1, auth = 2, auth_psk = 3 };

/// An HPKE cipher suite: the KEM, KDF and AEAD identifiers (RFC 9180 section 7).
struct HpkeSuite {
  KemId kem;    ///< The key encapsulation mechanism.
  KdfId kdf;    ///< The key derivation function of the key schedule.
  AeadId aead;  ///< The AEAD, or `AeadId::export_only` for a suite that only exports secrets.
};

/// A pre-shared key and its identifier, for the PSK modes (RFC 9180 section 5.1.2).
struct HpkePsk {
  BytesView psk;     ///< The key: at least 32 bytes, which should be uniformly random.
  BytesView psk_id;  ///< The key's identifier, not empty.
};

/// What the sender contributes beyond the recipient's public key.
struct HpkeSenderOptions {
  BytesView info;                          ///< Application context bound into the key schedule.
  std::optional<HpkePsk> psk;              ///< A pre-shared key; selects the PSK modes.
  const KemKeyPair* sender_key = nullptr;  ///< selects the auth modes
};

/// What the recipient needs beyond enc and its own key pair.
struct HpkeReceiverOptions {
  BytesView info;                              ///< The sender's info, byte for byte.
  std::optional<HpkePsk> psk;                  ///< The sender's pre-shared key; selects the PSK modes.
  std::optional<BytesView> sender_public_key;  ///< selects the auth modes
};

/// An encryption context (RFC 9180 section 5.2). Each seal or open uses the
/// next sequence number; the two sides must process messages in order.
///
/// Made by Hpke::setup_sender() or Hpke::setup_receiver(). A failed seal or
/// open does not use up a sequence number.
class HpkeContext {
 public:
  /// Encrypts `plaintext` with `aad` under the next nonce (RFC 9180 section 5.2).
  ///
  /// @return the ciphertext with its tag at the end.
  /// @errors `Errc::unsupported_algorithm` in an export-only suite;
  /// `Errc::message_limit` when the sequence number is exhausted;
  /// `Errc::internal` if the crypto provider fails.
  Result<Bytes> seal(BytesView aad, BytesView plaintext);
  /// Decrypts the next message from the sender (RFC 9180 section 5.2).
  ///
  /// @errors `Errc::unsupported_algorithm` in an export-only suite;
  /// `Errc::message_limit` when the sequence number is exhausted;
  /// `Errc::aead_failure` when `ciphertext` does not authenticate under `aad`
  /// and the current sequence number (a wrong key, a tampered or reordered
  /// message); `Errc::internal` if the crypto provider fails.
  Result<Bytes> open(BytesView aad, BytesView ciphertext);
  /// RFC 9180 section 5.3; length at most 255 * Nh.
  ///
  /// Both sides of a context export the same secret for the same
  /// `exporter_context` and `length`; export does not use a sequence number.
  ///
  /// @errors `Errc::invalid_length` when `length` exceeds 255 * Nh bytes.
  Result<Secret> export_secret(BytesView exporter_context, std::size_t length) const;

  /// The AEAD key of the key schedule (empty for export-only suites), for test vectors.
  BytesView key() const noexcept { return key_.view(); }
  /// The base nonce of the key schedule (empty for export-only suites), for test vectors.
  BytesView base_nonce() const noexcept { return base_nonce_.view(); }
  /// The exporter secret of the key schedule, for test vectors.
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

/// What Hpke::setup_sender() returns: the enc to send and the sender's context.
struct HpkeSender {
  Bytes enc;            ///< The KEM encapsulation, for the recipient's setup_receiver().
  HpkeContext context;  ///< The sender's encryption context.
};

/// What the single-shot Hpke::seal() returns: both parts go to the recipient.
struct HpkeSealed {
  Bytes enc;         ///< The KEM encapsulation.
  Bytes ciphertext;  ///< The AEAD ciphertext with its tag.
};

/// RFC 9180 section 5.1: info enters the key schedule only through
/// LabeledExtract("", "info_hash", info). A sender sealing one info to many
/// recipients hashes it once (Hpke::prepare_info).
struct HpkePreparedInfo {
  Secret info_hash;  ///< The labeled extract of the info, Nh bytes.
};

/// Hybrid public-key encryption, RFC 9180, built on the EVP primitives.
class Hpke {
 public:
  /// The HPKE instance for `suite`.
  ///
  /// @errors `Errc::unsupported_algorithm` when the KEM, KDF or AEAD
  /// identifier is not one this library implements.
  static Result<Hpke> find(HpkeSuite suite);

  /// The suite this instance implements.
  const HpkeSuite& suite() const noexcept { return suite_; }
  /// The suite's KEM, for generating and checking recipient key pairs.
  const Dhkem& kem() const noexcept { return kem_; }

  /// SetupBaseS, SetupPSKS, SetupAuthS or SetupAuthPSKS (RFC 9180 section
  /// 5.1), chosen by which options are set.
  ///
  /// @param recipient_public_key the recipient's serialized KEM public key.
  /// @param options the info, and optionally a PSK and the sender's key pair.
  /// @param random the source of the ephemeral key pair.
  ///
  /// @errors those of Dhkem::encap() (or Dhkem::auth_encap() when
  /// `options.sender_key` is set): `Errc::invalid_public_key`,
  /// `Errc::invalid_private_key` for a bad sender key, `Errc::dh_failure`;
  /// `Errc::invalid_argument` when a PSK is shorter than 32 bytes or its ID
  /// is empty (RFC 9180 section 5.1, VerifyPSKInputs); `Errc::internal` if
  /// the crypto provider fails.
  Result<HpkeSender> setup_sender(BytesView recipient_public_key, const HpkeSenderOptions& options,
                                  RandomSource& random) const;
  /// SetupBaseR, SetupPSKR, SetupAuthR or SetupAuthPSKR (RFC 9180 section
  /// 5.1), chosen by which options are set; they must match the sender's.
  ///
  /// A mismatch in info, PSK or sender key is not detected here: the first
  /// open() then fails with `Errc::aead_failure`.
  ///
  /// @param enc the sender's encapsulation.
  /// @param recipient the recipient's own KEM key pair.
  /// @param options the info, and optionally the PSK and the sender's public key.
  ///
  /// @errors those of Dhkem::decap() (or Dhkem::auth_decap() when
  /// `options.sender_public_key` is set): `Errc::invalid_public_key`,
  /// `Errc::invalid_private_key`, `Errc::dh_failure`;
  /// `Errc::invalid_argument` when a PSK is shorter than 32 bytes or its ID
  /// is empty; `Errc::internal` if the crypto provider fails.
  Result<HpkeContext> setup_receiver(BytesView enc, const KemKeyPair& recipient,
                                     const HpkeReceiverOptions& options) const;

  /// @name Single-shot APIs (RFC 9180 section 6)
  //@{
  /// Single-shot seal (RFC 9180 section 6): setup_sender(), then one
  /// HpkeContext::seal() of `plaintext` with `aad`.
  ///
  /// @param recipient_public_key the recipient's serialized KEM public key.
  /// @param options the info, and optionally a PSK and the sender's key pair.
  /// @param aad associated data, authenticated but not encrypted.
  /// @param plaintext the message.
  /// @param random the source of the ephemeral key pair.
  ///
  /// @errors those of setup_sender(); `Errc::unsupported_algorithm` in an
  /// export-only suite.
  Result<HpkeSealed> seal(BytesView recipient_public_key, const HpkeSenderOptions& options,
                          BytesView aad, BytesView plaintext, RandomSource& random) const;
  /// Single-shot open (RFC 9180 section 6): setup_receiver(), then one
  /// HpkeContext::open() of `ciphertext` with `aad`.
  ///
  /// @param enc the sender's encapsulation.
  /// @param recipient the recipient's own KEM key pair.
  /// @param options the info, and optionally the PSK and the sender's public key.
  /// @param aad the associated data the sender used.
  /// @param ciphertext the sealed message.
  ///
  /// @errors those of setup_receiver(); `Errc::aead_failure` when the
  /// ciphertext does not authenticate (including any mismatch in info, PSK,
  /// sender key or aad); `Errc::unsupported_algorithm` in an export-only suite.
  Result<Bytes> open(BytesView enc, const KemKeyPair& recipient,
                     const HpkeReceiverOptions& options, BytesView aad,
                     BytesView ciphertext) const;
  //@}

  /// @name Sealing one info to many recipients
  /// Base-mode single-shot seal with an info prepared once for many
  /// recipients; equal to seal() with that info.
  //@{
  /// The info hash of `info` under this suite, computed once for seal_prepared().
  HpkePreparedInfo prepare_info(BytesView info) const;
  /// The base-mode single-shot seal under an info from prepare_info(); the
  /// result is the same as seal() with that info and no PSK or sender key.
  ///
  /// @param recipient_public_key the recipient's serialized KEM public key.
  /// @param info the prepared info, from this suite's prepare_info().
  /// @param aad associated data, authenticated but not encrypted.
  /// @param plaintext the message.
  /// @param random the source of the ephemeral key pair.
  ///
  /// @errors those of Dhkem::encap(); `Errc::unsupported_algorithm` in an
  /// export-only suite; `Errc::internal` if the crypto provider fails.
  Result<HpkeSealed> seal_prepared(BytesView recipient_public_key, const HpkePreparedInfo& info,
                                   BytesView aad, BytesView plaintext,
                                   RandomSource& random) const;
  //@}

  /// setup_sender with a caller-chosen ephemeral key pair, for test vectors.
  ///
  /// Never reuse an ephemeral key pair outside tests.
  ///
  /// @param recipient_public_key the recipient's serialized KEM public key.
  /// @param options the info, and optionally a PSK and the sender's key pair.
  /// @param ephemeral the ephemeral key pair; its public key becomes `enc`.
  ///
  /// @errors those of setup_sender(); `Errc::invalid_private_key` also when
  /// `ephemeral.private_key` is not a key of the KEM's group.
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
