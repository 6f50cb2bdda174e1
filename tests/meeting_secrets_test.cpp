// The meeting's password PSK and its sealed metadata beyond the Proton
// vectors: Argon2id's parameter checks, room binding, and the receiver's
// rejection of tampered, truncated or mislabeled metadata, and the session
// key's wrap and chain.

#include <gtest/gtest.h>

#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/session_key.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

// Argon2id v1.3, m = 19 MiB, t = 2, p = 1: the value four independent
// implementations agree on (the first case of proton-meet-psk.json).
TEST(Argon2id, KnownAnswer) {
  const auto out = crypto::argon2id(as_bytes("meet_password"), hex("3e64aaff6d5cc925daf3fd706c7077fe"),
                                    {2, std::size_t{19} << 20}, 32);
  ASSERT_TRUE(is_ok(out));
  EXPECT_EQ(Bytes(out->view().begin(), out->view().end()),
            hex("e4887bf4ed90abb8158ac5e364297b33576598c4f800d539c69e41dd433e7d0a"));
}

TEST(Argon2id, ChecksItsParameters) {
  EXPECT_TRUE(fails_with(crypto::argon2id(as_bytes("pw"), Bytes(8), {2, 1 << 20}, 32), Errc::invalid_length));
  EXPECT_TRUE(fails_with(crypto::argon2id(as_bytes("pw"), Bytes(16), {0, 1 << 20}, 32), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(crypto::argon2id(as_bytes("pw"), Bytes(16), {2, 1000}, 32), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(crypto::argon2id(as_bytes("pw"), Bytes(16), {2, 1 << 20}, 8), Errc::invalid_argument));
}

TEST(PasswordPsk, IsBoundToTheRoomAndThePassword) {
  const auto a = password_psk("room-a", "meet_password");
  const auto b = password_psk("room-b", "meet_password");
  const auto c = password_psk("room-a", "meet_passwore");
  ASSERT_TRUE(is_ok(a));
  ASSERT_TRUE(is_ok(b));
  ASSERT_TRUE(is_ok(c));
  EXPECT_EQ(a->psk_id, (Bytes{'r', 'o', 'o', 'm', '-', 'a'}));
  EXPECT_FALSE(a->psk == b->psk);
  EXPECT_FALSE(a->psk == c->psk);
  EXPECT_EQ(password_psk_salt("room-a"), hex("3e64aaff6d5cc925daf3fd706c7077fe"));
  EXPECT_TRUE(fails_with(password_psk("", "pw"), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(password_psk("room", ""), Errc::invalid_argument));
}

class MetadataKeyTest : public ::testing::Test {
 protected:
  crypto::DeterministicRandom random{as_bytes("metadata")};
  MetadataKey key = *MetadataKey::derive(Bytes(32, 0x5e));
};

TEST_F(MetadataKeyTest, SealsWithAFreshIvEachTime) {
  const auto first = key.seal(Metadata::display_name, "Alice", random);
  const auto second = key.seal(Metadata::display_name, "Alice", random);
  ASSERT_TRUE(is_ok(first));
  ASSERT_TRUE(is_ok(second));
  EXPECT_EQ(first->size(), 5 + metadata_overhead);
  EXPECT_NE(*first, *second);
  EXPECT_EQ(*key.open(Metadata::display_name, *first), "Alice");
  EXPECT_EQ(*key.open(Metadata::display_name, *second), "Alice");
}

TEST_F(MetadataKeyTest, RejectsTamperingTruncationAndTheOtherLabel) {
  const Bytes sealed = *key.seal(Metadata::meeting_title, "Weekly sync", random);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    EXPECT_TRUE(fails_with(key.open(Metadata::meeting_title, with_bit_flipped(sealed, i)), Errc::aead_failure)) << i;
  }
  for (std::size_t size = 0; size < sealed.size(); ++size) {
    EXPECT_TRUE(fails_with(key.open(Metadata::meeting_title, BytesView(sealed).first(size)), Errc::aead_failure))
        << size;
  }
  EXPECT_TRUE(fails_with(key.open(Metadata::display_name, sealed), Errc::aead_failure));
  const auto other_key = *MetadataKey::derive(Bytes(32, 0x5f));
  EXPECT_TRUE(fails_with(other_key.open(Metadata::meeting_title, sealed), Errc::aead_failure));
  EXPECT_TRUE(fails_with(MetadataKey::derive(Bytes(16)), Errc::invalid_length));
}

// The earlier session keys a joiner gets from the server after a rotation
// open only under the current session key; whatever else the server hands
// over is refused, in bounded work (one AEAD over the input).
TEST(EarlierSessionKeys, OpenOnlyUnderTheCurrentKey) {
  crypto::DeterministicRandom random(as_bytes("earlier keys"));
  const crypto::Secret current(Bytes(32, 1));
  std::vector<crypto::Secret> earlier;
  earlier.emplace_back(Bytes(32, 2));
  earlier.emplace_back(Bytes(32, 3));
  const auto sealed = seal_earlier_session_keys(current.view(), earlier, random);
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_EQ(sealed->size(), 12u + 64u + 16u);
  const auto opened = open_earlier_session_keys(current.view(), *sealed);
  ASSERT_TRUE(is_ok(opened));
  ASSERT_EQ(opened->size(), 2u);
  EXPECT_TRUE((*opened)[0] == earlier[0]);
  EXPECT_TRUE((*opened)[1] == earlier[1]);
  EXPECT_TRUE(is_ok(open_earlier_session_keys(current.view(), {})));
  EXPECT_TRUE(open_earlier_session_keys(current.view(), {})->empty());

  EXPECT_TRUE(fails_with(open_earlier_session_keys(earlier[0].view(), *sealed), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_earlier_session_keys(current.view(), with_bit_flipped(*sealed, 40)), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_earlier_session_keys(current.view(), Bytes(5, 0)), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open_earlier_session_keys(Bytes(31, 1), *sealed), Errc::invalid_length));
  std::vector<crypto::Secret> odd;
  odd.emplace_back(Bytes(31, 4));
  EXPECT_TRUE(fails_with(seal_earlier_session_keys(current.view(), odd, random), Errc::invalid_length));
  EXPECT_TRUE(fails_with(seal_earlier_session_keys(Bytes(31, 1), earlier, random), Errc::invalid_length));
  const auto none = seal_earlier_session_keys(current.view(), {}, random);
  ASSERT_TRUE(is_ok(none));
  EXPECT_TRUE(none->empty());
}

// Sealed under the right key, a plaintext that is no whole number of keys
// is refused: the chain key computed here from its definition (HKDF-SHA256,
// no salt, "conclave earlier session keys"), then AES-GCM with the IV first.
TEST(EarlierSessionKeys, APlaintextOfNoWholeNumberOfKeysIsRefused) {
  crypto::DeterministicRandom random(as_bytes("earlier keys"));
  const crypto::Secret current(Bytes(32, 1));
  const crypto::Kdf kdf = crypto::Kdf::over(crypto::HashId::sha256);
  const auto chain = kdf.expand(kdf.extract({}, current.view()).view(), as_bytes("conclave earlier session keys"), 32);
  ASSERT_TRUE(is_ok(chain));
  const auto aead = *crypto::Aead::find(crypto::AeadId::aes_256_gcm);
  const Bytes iv(12, 5);
  auto sealed = aead.seal(chain->view(), iv, {}, Bytes(33, 6));
  ASSERT_TRUE(is_ok(sealed));
  sealed->insert(sealed->begin(), iv.begin(), iv.end());
  EXPECT_TRUE(fails_with(open_earlier_session_keys(current.view(), *sealed), Errc::invalid_length));
}

// The session key wrapped under the password PSK is of one size, and so is
// what unwraps.
TEST(SessionKeyWrap, TakesOnlyKeysAndWrappedKeysOfTheirSize) {
  crypto::DeterministicRandom random(as_bytes("wrap"));
  const auto psk = *password_psk("room", "password");
  EXPECT_TRUE(fails_with(wrap_session_key(psk, Bytes(31, 1), random), Errc::invalid_length));
  const auto wrapped = wrap_session_key(psk, Bytes(32, 1), random);
  ASSERT_TRUE(is_ok(wrapped));
  EXPECT_TRUE(is_ok(unwrap_session_key(psk, *wrapped)));
  Bytes longer = *wrapped;
  longer.push_back(0);
  EXPECT_TRUE(fails_with(unwrap_session_key(psk, longer), Errc::aead_failure));
  EXPECT_TRUE(fails_with(unwrap_session_key(psk, Bytes(wrapped->begin(), wrapped->end() - 1)), Errc::aead_failure));
}

}  // namespace
