#include "conclave/crypto/hpke.hpp"

#include <limits>

#include "hpke_labels.hpp"

namespace conclave::crypto {

namespace {

void put_u16(Bytes& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

HpkeMode mode_for(bool has_psk, bool has_auth) noexcept {
  if (has_psk) return has_auth ? HpkeMode::auth_psk : HpkeMode::psk;
  return has_auth ? HpkeMode::auth : HpkeMode::base;
}

// Section 6.1: one seal under a fresh context.
Result<HpkeSealed> seal_once(Bytes enc, HpkeContext& context, BytesView aad, BytesView plaintext) {
  auto ciphertext = context.seal(aad, plaintext);
  if (!ciphertext) return ciphertext.error();
  return HpkeSealed{std::move(enc), std::move(*ciphertext)};
}

}  // namespace

HpkeContext::HpkeContext(std::optional<Aead> aead, Kdf kdf, Bytes suite_id, Secret key,
                         Secret base_nonce, Secret exporter_secret)
    : aead_(aead),
      kdf_(kdf),
      suite_id_(std::move(suite_id)),
      key_(std::move(key)),
      base_nonce_(std::move(base_nonce)),
      exporter_secret_(std::move(exporter_secret)) {}

// RFC 9180 section 5.2: base_nonce XOR I2OSP(seq, Nn). The sequence stops
// one short of 2^64, well inside the RFC's 2^(8 Nn) - 1 bound.
Result<Bytes> HpkeContext::next_nonce() {
  if (sequence_ == std::numeric_limits<std::uint64_t>::max()) return Errc::message_limit;
  Bytes nonce(base_nonce_.view().begin(), base_nonce_.view().end());
  for (std::size_t i = 0; i < 8; ++i) {
    nonce[nonce.size() - 1 - i] ^= static_cast<std::uint8_t>(sequence_ >> (8 * i));
  }
  return nonce;
}

Result<Bytes> HpkeContext::seal(BytesView aad, BytesView plaintext) {
  if (!aead_) return Errc::unsupported_algorithm;
  auto nonce = next_nonce();
  if (!nonce) return nonce.error();
  auto sealed = aead_->seal(key_.view(), *nonce, aad, plaintext);
  if (sealed) ++sequence_;
  return sealed;
}

Result<Bytes> HpkeContext::open(BytesView aad, BytesView ciphertext) {
  if (!aead_) return Errc::unsupported_algorithm;
  auto nonce = next_nonce();
  if (!nonce) return nonce.error();
  auto opened = aead_->open(key_.view(), *nonce, aad, ciphertext);
  if (opened) ++sequence_;
  return opened;
}

// Kdf::expand refuses a length above 255 * Nh with invalid_length.
Result<Secret> HpkeContext::export_secret(BytesView exporter_context, std::size_t length) const {
  return labeled_expand(kdf_, suite_id_, exporter_secret_.view(), "sec", exporter_context, length);
}

Result<Hpke> Hpke::find(HpkeSuite suite) {
  auto kem = Dhkem::find(suite.kem);
  auto kdf = Kdf::find(suite.kdf);
  if (!kem || !kdf) return Errc::unsupported_algorithm;
  if (suite.aead == AeadId::export_only) return Hpke(suite, *kem, *kdf, std::nullopt);
  auto aead = Aead::find(suite.aead);
  if (!aead) return aead.error();
  return Hpke(suite, *kem, *kdf, *aead);
}

Bytes Hpke::suite_id() const {
  Bytes id{'H', 'P', 'K', 'E'};
  put_u16(id, static_cast<std::uint16_t>(suite_.kem));
  put_u16(id, static_cast<std::uint16_t>(suite_.kdf));
  put_u16(id, static_cast<std::uint16_t>(suite_.aead));
  return id;
}

// RFC 9180 section 5.1, including VerifyPSKInputs: a PSK and its ID come
// together, and the PSK MUST carry at least 32 bytes of entropy.
HpkePreparedInfo Hpke::prepare_info(BytesView info) const {
  return {labeled_extract(kdf_, suite_id(), {}, "info_hash", info)};
}

Result<HpkeContext> Hpke::key_schedule(HpkeMode mode, const Secret& shared_secret,
                                       const HpkePreparedInfo& info,
                                       const std::optional<HpkePsk>& psk) const {
  if (psk && (psk->psk.size() < 32 || psk->psk_id.empty())) return Errc::invalid_argument;
  const BytesView psk_bytes = psk ? psk->psk : BytesView{};
  const BytesView psk_id = psk ? psk->psk_id : BytesView{};
  const Bytes id = suite_id();
  const Secret psk_id_hash = labeled_extract(kdf_, id, {}, "psk_id_hash", psk_id);
  const std::uint8_t mode_byte = static_cast<std::uint8_t>(mode);
  const Bytes context = concat({BytesView(&mode_byte, 1), psk_id_hash.view(), info.info_hash.view()});
  const Secret secret = labeled_extract(kdf_, id, shared_secret.view(), "secret", psk_bytes);
  const std::size_t key_size = aead_ ? aead_->key_size() : 0;
  const std::size_t nonce_size = aead_ ? aead_->nonce_size() : 0;
  // Nk, Nn and Nh are far below the 255 * Nh bytes LabeledExpand can fail at.
  return HpkeContext(aead_, kdf_, id, *labeled_expand(kdf_, id, secret.view(), "key", context, key_size),
                     *labeled_expand(kdf_, id, secret.view(), "base_nonce", context, nonce_size),
                     *labeled_expand(kdf_, id, secret.view(), "exp", context, kdf_.size()));
}

Result<HpkeSender> Hpke::setup_sender_for_testing(BytesView recipient_public_key,
                                                  const HpkeSenderOptions& options,
                                                  const KemKeyPair& ephemeral) const {
  auto encapsulated = kem_.encap_for_testing(recipient_public_key, ephemeral, options.sender_key);
  if (!encapsulated) return encapsulated.error();
  const auto mode = mode_for(options.psk.has_value(), options.sender_key != nullptr);
  auto context =
      key_schedule(mode, encapsulated->shared_secret, prepare_info(options.info), options.psk);
  if (!context) return context.error();
  return HpkeSender{std::move(encapsulated->enc), std::move(*context)};
}

Result<HpkeSender> Hpke::setup_sender(BytesView recipient_public_key,
                                      const HpkeSenderOptions& options,
                                      RandomSource& random) const {
  return setup_sender_for_testing(recipient_public_key, options, kem_.generate_key_pair(random));
}

Result<HpkeContext> Hpke::setup_receiver(BytesView enc, const KemKeyPair& recipient,
                                         const HpkeReceiverOptions& options) const {
  auto shared = options.sender_public_key
                    ? kem_.auth_decap(enc, recipient, *options.sender_public_key)
                    : kem_.decap(enc, recipient);
  if (!shared) return shared.error();
  const auto mode = mode_for(options.psk.has_value(), options.sender_public_key.has_value());
  return key_schedule(mode, *shared, prepare_info(options.info), options.psk);
}

Result<HpkeSealed> Hpke::seal(BytesView recipient_public_key, const HpkeSenderOptions& options,
                              BytesView aad, BytesView plaintext, RandomSource& random) const {
  auto sender = setup_sender(recipient_public_key, options, random);
  if (!sender) return sender.error();
  return seal_once(std::move(sender->enc), sender->context, aad, plaintext);
}

Result<HpkeSealed> Hpke::seal_prepared(BytesView recipient_public_key,
                                       const HpkePreparedInfo& info, BytesView aad,
                                       BytesView plaintext, RandomSource& random) const {
  auto encapsulated = kem_.encap(recipient_public_key, random);
  if (!encapsulated) return encapsulated.error();
  // Without a PSK the key schedule has no input to refuse.
  HpkeContext context = *key_schedule(HpkeMode::base, encapsulated->shared_secret, info, std::nullopt);
  return seal_once(std::move(encapsulated->enc), context, aad, plaintext);
}

Result<Bytes> Hpke::open(BytesView enc, const KemKeyPair& recipient,
                         const HpkeReceiverOptions& options, BytesView aad,
                         BytesView ciphertext) const {
  auto context = setup_receiver(enc, recipient, options);
  if (!context) return context.error();
  return context->open(aad, ciphertext);
}

}  // namespace conclave::crypto
