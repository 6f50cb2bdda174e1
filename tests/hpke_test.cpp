// HPKE (RFC 9180): every KEM x KDF x AEAD combination in all four modes,
// the export-only AEAD, and the ways a receiver's setup or open must fail.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "conclave/crypto/hpke.hpp"
#include "conclave/crypto/random.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::copy_of;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

// The RFC 9180 appendix A inputs: info "Ode on a Grecian Urn", and the PSK
// and PSK ID of the psk-mode vectors.
const Bytes hpke_info = hex("4f6465206f6e2061204772656369616e2055726e");
const Bytes psk = hex("0247fd33b913760fa1fa51e1892d9f307fbe65eb171e8132c2af18555a738b82");
const Bytes psk_id = hex("456e6e796e20447572696e206172616e204d6f726961");
const Bytes other_psk(32, 0x5a);

const std::vector<KemId> all_kems = {KemId::dhkem_p256_sha256, KemId::dhkem_p384_sha384,
                                     KemId::dhkem_p521_sha512, KemId::dhkem_x25519_sha256,
                                     KemId::dhkem_x448_sha512};
const std::vector<KdfId> all_kdfs = {KdfId::hkdf_sha256, KdfId::hkdf_sha384, KdfId::hkdf_sha512};
const std::vector<AeadId> encrypting_aeads = {AeadId::aes_128_gcm, AeadId::aes_256_gcm,
                                              AeadId::chacha20_poly1305};
const std::vector<HpkeMode> all_modes = {HpkeMode::base, HpkeMode::psk, HpkeMode::auth,
                                         HpkeMode::auth_psk};

std::string name_of(KemId id) {
  switch (id) {
    case KemId::dhkem_p256_sha256: return "P256";
    case KemId::dhkem_p384_sha384: return "P384";
    case KemId::dhkem_p521_sha512: return "P521";
    case KemId::dhkem_x25519_sha256: return "X25519";
    case KemId::dhkem_x448_sha512: return "X448";
  }
  return "UnknownKem";
}

std::string name_of(KdfId id) {
  switch (id) {
    case KdfId::hkdf_sha256: return "Sha256";
    case KdfId::hkdf_sha384: return "Sha384";
    case KdfId::hkdf_sha512: return "Sha512";
  }
  return "UnknownKdf";
}

std::string name_of(AeadId id) {
  switch (id) {
    case AeadId::aes_128_gcm: return "Aes128Gcm";
    case AeadId::aes_256_gcm: return "Aes256Gcm";
    case AeadId::chacha20_poly1305: return "ChaCha20Poly1305";
    case AeadId::export_only: return "ExportOnly";
  }
  return "UnknownAead";
}

std::string name_of(HpkeMode mode) {
  switch (mode) {
    case HpkeMode::base: return "Base";
    case HpkeMode::psk: return "Psk";
    case HpkeMode::auth: return "Auth";
    case HpkeMode::auth_psk: return "AuthPsk";
  }
  return "UnknownMode";
}

bool uses_psk(HpkeMode mode) { return mode == HpkeMode::psk || mode == HpkeMode::auth_psk; }
bool uses_auth(HpkeMode mode) { return mode == HpkeMode::auth || mode == HpkeMode::auth_psk; }

// The options that select `mode` on each side.
HpkeSenderOptions sender_options(HpkeMode mode, const KemKeyPair& sender) {
  HpkeSenderOptions options{.info = hpke_info};
  if (uses_psk(mode)) options.psk = HpkePsk{psk, psk_id};
  if (uses_auth(mode)) options.sender_key = &sender;
  return options;
}

HpkeReceiverOptions receiver_options(HpkeMode mode, const KemKeyPair& sender) {
  HpkeReceiverOptions options{.info = hpke_info};
  if (uses_psk(mode)) options.psk = HpkePsk{psk, psk_id};
  if (uses_auth(mode)) options.sender_public_key = BytesView(sender.public_key);
  return options;
}

Bytes count_aad(int i) { return copy_of(as_bytes("Count-" + std::to_string(i))); }

// A recipient and a sender key pair for one suite, and the suite itself.
class HpkeFixture {
 protected:
  explicit HpkeFixture(HpkeSuite suite)
      : hpke_(*Hpke::find(suite)),
        recipient_(key_pair("recipient")),
        sender_(key_pair("sender")),
        impostor_(key_pair("impostor")) {}

  KemKeyPair key_pair(std::string_view seed) const {
    DeterministicRandom random(as_bytes(seed));
    return hpke_.kem().generate_key_pair(random);
  }

  HpkeSender setup_sender(const HpkeSenderOptions& options) const {
    return *hpke_.setup_sender(recipient_.public_key, options, system_random());
  }

  Result<HpkeContext> setup_receiver(BytesView enc, const HpkeReceiverOptions& options) const {
    return hpke_.setup_receiver(enc, recipient_, options);
  }

  Hpke hpke_;
  KemKeyPair recipient_;
  KemKeyPair sender_;
  KemKeyPair impostor_;
  const Bytes plaintext_ = copy_of(as_bytes("Beauty is truth, truth beauty"));
};

// ------------------------------------------------ every suite, every mode

using SuiteAndMode = std::tuple<KemId, KdfId, AeadId, HpkeMode>;

std::string suite_and_mode_name(const ::testing::TestParamInfo<SuiteAndMode>& info) {
  const auto& [kem, kdf, aead, mode] = info.param;
  return name_of(kem) + "_" + name_of(kdf) + "_" + name_of(aead) + "_" + name_of(mode);
}

class HpkeRoundTrip : public HpkeFixture, public ::testing::TestWithParam<SuiteAndMode> {
 protected:
  HpkeRoundTrip()
      : HpkeFixture({std::get<0>(GetParam()), std::get<1>(GetParam()), std::get<2>(GetParam())}) {}
  static HpkeMode mode() { return std::get<3>(GetParam()); }
};

TEST_P(HpkeRoundTrip, ContextsAgree) {
  auto sender = setup_sender(sender_options(mode(), sender_));
  EXPECT_EQ(sender.enc.size(), hpke_.kem().enc_size());
  auto receiver = setup_receiver(sender.enc, receiver_options(mode(), sender_));
  ASSERT_TRUE(is_ok(receiver));
  EXPECT_EQ(copy_of(receiver->key()), copy_of(sender.context.key()));
  EXPECT_EQ(copy_of(receiver->base_nonce()), copy_of(sender.context.base_nonce()));

  Bytes previous;
  for (int i = 0; i < 3; ++i) {
    const auto sealed = sender.context.seal(count_aad(i), plaintext_);
    ASSERT_TRUE(is_ok(sealed));
    EXPECT_EQ(sealed->size(), plaintext_.size() + 16);
    EXPECT_NE(*sealed, previous) << "message " << i << " reused a nonce";
    const auto opened = receiver->open(count_aad(i), *sealed);
    ASSERT_TRUE(is_ok(opened));
    EXPECT_EQ(*opened, plaintext_);
    previous = *sealed;
  }

  const auto exported = sender.context.export_secret(as_bytes("context"), 42);
  const auto imported = receiver->export_secret(as_bytes("context"), 42);
  ASSERT_TRUE(is_ok(exported));
  ASSERT_TRUE(is_ok(imported));
  EXPECT_EQ(exported->size(), 42u);
  EXPECT_TRUE(*exported == *imported);
}

TEST_P(HpkeRoundTrip, SingleShot) {
  const auto sealed = hpke_.seal(recipient_.public_key, sender_options(mode(), sender_),
                                 as_bytes("aad"), plaintext_, system_random());
  ASSERT_TRUE(is_ok(sealed));
  const auto opened = hpke_.open(sealed->enc, recipient_, receiver_options(mode(), sender_),
                                 as_bytes("aad"), sealed->ciphertext);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, plaintext_);
}

INSTANTIATE_TEST_SUITE_P(Hpke, HpkeRoundTrip,
                         ::testing::Combine(::testing::ValuesIn(all_kems),
                                            ::testing::ValuesIn(all_kdfs),
                                            ::testing::ValuesIn(encrypting_aeads),
                                            ::testing::ValuesIn(all_modes)),
                         suite_and_mode_name);

// ------------------------------------------------------------- export only

class HpkeExportOnly : public HpkeRoundTrip {};

TEST_P(HpkeExportOnly, SealIsUnsupportedButExportsAgree) {
  auto sender = setup_sender(sender_options(mode(), sender_));
  auto receiver = setup_receiver(sender.enc, receiver_options(mode(), sender_));
  ASSERT_TRUE(is_ok(receiver));
  EXPECT_TRUE(fails_with(sender.context.seal({}, plaintext_), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(receiver->open({}, Bytes(32, 0)), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(hpke_.seal(recipient_.public_key, sender_options(mode(), sender_), {},
                                    plaintext_, system_random()),
                         Errc::unsupported_algorithm));

  const auto exported = sender.context.export_secret(as_bytes("context"), 64);
  const auto imported = receiver->export_secret(as_bytes("context"), 64);
  ASSERT_TRUE(is_ok(exported));
  ASSERT_TRUE(is_ok(imported));
  EXPECT_TRUE(*exported == *imported);
  const auto elsewhere = receiver->export_secret(as_bytes("other context"), 64);
  ASSERT_TRUE(is_ok(elsewhere));
  EXPECT_FALSE(*elsewhere == *exported);
}

INSTANTIATE_TEST_SUITE_P(Hpke, HpkeExportOnly,
                         ::testing::Combine(::testing::ValuesIn(all_kems),
                                            ::testing::ValuesIn(all_kdfs),
                                            ::testing::Values(AeadId::export_only),
                                            ::testing::ValuesIn(all_modes)),
                         suite_and_mode_name);

// ------------------------------------------------------------ failures

std::string suite_name(const ::testing::TestParamInfo<HpkeSuite>& info) {
  return name_of(info.param.kem) + "_" + name_of(info.param.kdf) + "_" + name_of(info.param.aead);
}

class HpkeFailure : public HpkeFixture, public ::testing::TestWithParam<HpkeSuite> {
 protected:
  HpkeFailure() : HpkeFixture(GetParam()) {}

  // Sets up a sender in `mode`, seals one message, and opens it with a
  // receiver set up with `options`.
  Result<Bytes> open_with(HpkeMode mode, const HpkeReceiverOptions& options) {
    auto sender = setup_sender(sender_options(mode, sender_));
    const auto sealed = *sender.context.seal({}, plaintext_);
    auto receiver = setup_receiver(sender.enc, options);
    if (!receiver) return receiver.error();
    return receiver->open({}, sealed);
  }
};

TEST_P(HpkeFailure, MatchingReceiverOpens) {
  for (const HpkeMode mode : all_modes) {
    SCOPED_TRACE(name_of(mode));
    EXPECT_TRUE(is_ok(open_with(mode, receiver_options(mode, sender_))));
  }
}

TEST_P(HpkeFailure, WrongPskFailsToOpen) {
  auto options = receiver_options(HpkeMode::psk, sender_);
  options.psk = HpkePsk{other_psk, psk_id};
  EXPECT_TRUE(fails_with(open_with(HpkeMode::psk, options), Errc::aead_failure));
  options.psk = HpkePsk{psk, as_bytes("another id")};
  EXPECT_TRUE(fails_with(open_with(HpkeMode::psk, options), Errc::aead_failure));
}

TEST_P(HpkeFailure, MissingOrUnexpectedPskFailsToOpen) {
  EXPECT_TRUE(fails_with(open_with(HpkeMode::psk, receiver_options(HpkeMode::base, sender_)),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_with(HpkeMode::base, receiver_options(HpkeMode::psk, sender_)),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_with(HpkeMode::auth_psk, receiver_options(HpkeMode::auth, sender_)),
                         Errc::aead_failure));
}

TEST_P(HpkeFailure, WrongInfoFailsToOpen) {
  auto options = receiver_options(HpkeMode::base, sender_);
  options.info = as_bytes("Ode to a Nightingale");
  EXPECT_TRUE(fails_with(open_with(HpkeMode::base, options), Errc::aead_failure));
}

// One info prepared for many recipients seals as seal() with that info
// would: the base-mode receiver opens it, and one with another info fails.
TEST_P(HpkeFailure, PreparedInfoSealsAsTheInfoItself) {
  auto options = receiver_options(HpkeMode::base, sender_);
  const auto prepared = hpke_.prepare_info(options.info);
  const auto sealed =
      hpke_.seal_prepared(recipient_.public_key, prepared, as_bytes("aad"), plaintext_, system_random());
  ASSERT_TRUE(is_ok(sealed));
  const auto opened = hpke_.open(sealed->enc, recipient_, options, as_bytes("aad"), sealed->ciphertext);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, plaintext_);
  options.info = as_bytes("Ode to a Nightingale");
  EXPECT_TRUE(fails_with(hpke_.open(sealed->enc, recipient_, options, as_bytes("aad"), sealed->ciphertext),
                         Errc::aead_failure));
}

TEST_P(HpkeFailure, WrongSenderPublicKeyFailsToOpen) {
  for (const HpkeMode mode : {HpkeMode::auth, HpkeMode::auth_psk}) {
    SCOPED_TRACE(name_of(mode));
    auto options = receiver_options(mode, sender_);
    options.sender_public_key = BytesView(impostor_.public_key);
    EXPECT_TRUE(fails_with(open_with(mode, options), Errc::aead_failure));
  }
  // An authenticated message opened without authentication, and back.
  EXPECT_TRUE(fails_with(open_with(HpkeMode::auth, receiver_options(HpkeMode::base, sender_)),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_with(HpkeMode::base, receiver_options(HpkeMode::auth, sender_)),
                         Errc::aead_failure));
}

TEST_P(HpkeFailure, WrongRecipientFailsToOpen) {
  auto sender = setup_sender(sender_options(HpkeMode::base, sender_));
  const auto sealed = *sender.context.seal({}, plaintext_);
  auto receiver = hpke_.setup_receiver(sender.enc, impostor_, {.info = hpke_info});
  ASSERT_TRUE(is_ok(receiver));
  EXPECT_TRUE(fails_with(receiver->open({}, sealed), Errc::aead_failure));
}

TEST_P(HpkeFailure, WeakOrIncompletePskIsRejected) {
  const Bytes short_psk(31, 0x5a);
  const HpkePsk bad_inputs[] = {{short_psk, psk_id}, {psk, {}}, {{}, psk_id}, {{}, {}}};
  for (const auto& bad : bad_inputs) {
    SCOPED_TRACE("psk of " + std::to_string(bad.psk.size()) + " bytes, id of " +
                 std::to_string(bad.psk_id.size()));
    HpkeSenderOptions sending{.info = hpke_info, .psk = bad};
    EXPECT_TRUE(fails_with(hpke_.setup_sender(recipient_.public_key, sending, system_random()),
                           Errc::invalid_argument));
    const auto enc = setup_sender(sender_options(HpkeMode::base, sender_)).enc;
    HpkeReceiverOptions receiving{.info = hpke_info, .psk = bad};
    EXPECT_TRUE(fails_with(setup_receiver(enc, receiving), Errc::invalid_argument));
  }
}

TEST_P(HpkeFailure, OutOfOrderOpenFails) {
  auto sender = setup_sender(sender_options(HpkeMode::base, sender_));
  auto receiver = *setup_receiver(sender.enc, receiver_options(HpkeMode::base, sender_));
  const auto first = *sender.context.seal({}, as_bytes("first"));
  const auto second = *sender.context.seal({}, as_bytes("second"));

  EXPECT_TRUE(fails_with(receiver.open({}, second), Errc::aead_failure));
  // A failed open does not advance the sequence number.
  const auto opened_first = receiver.open({}, first);
  ASSERT_TRUE(is_ok(opened_first));
  EXPECT_EQ(*opened_first, copy_of(as_bytes("first")));
  EXPECT_TRUE(fails_with(receiver.open({}, first), Errc::aead_failure)) << "replay accepted";
  const auto opened_second = receiver.open({}, second);
  ASSERT_TRUE(is_ok(opened_second));
  EXPECT_EQ(*opened_second, copy_of(as_bytes("second")));
}

TEST_P(HpkeFailure, TamperedCiphertextOrAadFailsToOpen) {
  auto sender = setup_sender(sender_options(HpkeMode::base, sender_));
  const auto sealed = *sender.context.seal(as_bytes("aad"), plaintext_);
  auto receiver = *setup_receiver(sender.enc, receiver_options(HpkeMode::base, sender_));
  EXPECT_TRUE(fails_with(receiver.open(as_bytes("aad"), with_bit_flipped(sealed, 0)),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(receiver.open(as_bytes("aae"), sealed), Errc::aead_failure));
  EXPECT_TRUE(is_ok(receiver.open(as_bytes("aad"), sealed)));
}

// RFC 9180 section 5.3: L <= 255 * Nh of the suite's KDF.
TEST_P(HpkeFailure, ExportLengthIsBounded) {
  auto sender = setup_sender(sender_options(HpkeMode::base, sender_));
  const std::size_t max = 255 * Kdf::find(GetParam().kdf)->size();
  const auto longest = sender.context.export_secret({}, max);
  ASSERT_TRUE(is_ok(longest));
  EXPECT_EQ(longest->size(), max);
  EXPECT_TRUE(fails_with(sender.context.export_secret({}, max + 1), Errc::invalid_length));
}

TEST_P(HpkeFailure, WrongLengthEncOrRecipientKeyIsRejected) {
  const Bytes short_key(hpke_.kem().public_key_size() - 1, 0x04);
  EXPECT_TRUE(fails_with(setup_receiver(short_key, receiver_options(HpkeMode::base, sender_)),
                         Errc::invalid_public_key));
  EXPECT_TRUE(fails_with(hpke_.open(short_key, recipient_, {.info = hpke_info}, {}, Bytes(32, 0)),
                         Errc::invalid_public_key));
  EXPECT_TRUE(fails_with(hpke_.setup_sender(short_key, {.info = hpke_info}, system_random()),
                         Errc::invalid_public_key));
}

TEST_P(HpkeFailure, AccessorsNameTheSuite) {
  EXPECT_EQ(hpke_.suite().kem, GetParam().kem);
  EXPECT_EQ(hpke_.suite().kdf, GetParam().kdf);
  EXPECT_EQ(hpke_.suite().aead, GetParam().aead);
  EXPECT_EQ(hpke_.kem().id(), GetParam().kem);
}

// One suite per KEM, as the MLS cipher suites pair them (P-384 with
// HKDF-SHA384 and AES-256-GCM is MLS suite 7).
const HpkeSuite p256_suite{KemId::dhkem_p256_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm};
const HpkeSuite p384_suite{KemId::dhkem_p384_sha384, KdfId::hkdf_sha384, AeadId::aes_256_gcm};
const HpkeSuite p521_suite{KemId::dhkem_p521_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm};
const HpkeSuite x25519_suite{KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256,
                             AeadId::chacha20_poly1305};
const HpkeSuite x448_suite{KemId::dhkem_x448_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm};

INSTANTIATE_TEST_SUITE_P(Hpke, HpkeFailure,
                         ::testing::Values(p256_suite, p384_suite, p521_suite, x25519_suite,
                                           x448_suite),
                         suite_name);

class HpkeInvalidEnc : public HpkeFailure {};

// An enc that is not a point on the curve (RFC 9180 section 7.1.4).
TEST_P(HpkeInvalidEnc, OffCurveEncIsRejected) {
  const auto enc = setup_sender(sender_options(HpkeMode::base, sender_)).enc;
  const Bytes off_curve = with_bit_flipped(enc, enc.size() - 1);
  for (const HpkeMode mode : all_modes) {
    SCOPED_TRACE(name_of(mode));
    EXPECT_TRUE(fails_with(setup_receiver(off_curve, receiver_options(mode, sender_)),
                           Errc::invalid_public_key));
  }
  EXPECT_TRUE(fails_with(hpke_.open(off_curve, recipient_, {.info = hpke_info}, {}, Bytes(32, 0)),
                         Errc::invalid_public_key));
}

INSTANTIATE_TEST_SUITE_P(Hpke, HpkeInvalidEnc,
                         ::testing::Values(p256_suite, p384_suite, p521_suite), suite_name);

TEST(Hpke, UnknownAlgorithmsAreUnsupported) {
  const auto kem = KemId::dhkem_x25519_sha256;
  const auto kdf = KdfId::hkdf_sha256;
  const auto aead = AeadId::aes_128_gcm;
  EXPECT_TRUE(fails_with(Hpke::find({static_cast<KemId>(0x0013), kdf, aead}),
                         Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Hpke::find({kem, static_cast<KdfId>(0x0004), aead}),
                         Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Hpke::find({kem, kdf, static_cast<AeadId>(0x0004)}),
                         Errc::unsupported_algorithm));
}

}  // namespace
