// Message protection (RFC 9420 section 6): every check a receiver makes,
// each with an input that must be rejected with its own error, and each
// followed by proof that the receiver's state did not change.

#include <gtest/gtest.h>

#include <optional>

#include "conclave/mls/message_protection.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

// Members at leaves 0 and 1 of a four-leaf tree; leaf 2 is blank.
class MessageProtectionTest : public ::testing::Test {
 protected:
  CipherSuite suite =
      *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("message protection test")};
  crypto::SignatureKeyPair alice = suite.signature().generate_key_pair(random);
  crypto::SignatureKeyPair bob = suite.signature().generate_key_pair(random);
  GroupContext context{ProtocolVersion::mls10, suite.id(), Bytes{'g', 'i', 'd'}, 5,
                       Bytes(32, 1), Bytes(32, 2), {}};

  MessageProtection member(SecretTreeOptions options = {}) const {
    auto secret = [this](std::uint8_t fill) { return crypto::Secret(Bytes(suite.secret_size(), fill)); };
    return MessageProtection(
        suite, context, {secret(7), secret(8), secret(9)}, *LeafCount::of(4),
        [this](const FramedContent& content) -> std::optional<Bytes> {
          const auto* sender = content.sender.get_if<MemberSender>();
          if (sender == nullptr || sender->leaf_index > 1) return std::nullopt;
          return sender->leaf_index == 0 ? alice.public_key : bob.public_key;
        },
        options);
  }

  FramedContent content_from(std::uint32_t leaf, Content content) const {
    return {context.group_id, context.epoch, Sender{MemberSender{leaf}}, {}, std::move(content)};
  }

  FramedContent application(std::uint32_t leaf = 0) const {
    return content_from(leaf, Content{ApplicationData{Bytes{'h', 'e', 'l', 'l', 'o'}}});
  }

  FramedContent proposal() const { return content_from(0, Content{Proposal{Remove{1}}}); }

  PrivateMessage seal(MessageProtection& sender, const FramedContent& content,
                      const crypto::Secret& key) {
    return *sender.protect_private(content, key, {}, random);
  }
};

TEST_F(MessageProtectionTest, PrivateMessageRoundTripsWithPadding) {
  auto sender = member();
  auto receiver = member();
  auto sent = sender.protect_private(application(), alice.private_key, {.padding = 32}, random);
  ASSERT_TRUE(is_ok(sent));
  auto received = receiver.unprotect(*sent);
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->content, application());
  EXPECT_EQ(received->wire_format, WireFormat::private_message);
}

TEST_F(MessageProtectionTest, WrongMembershipTagIsRejected) {
  auto message = *member().protect_public(proposal(), alice.private_key);
  message.membership_tag->back() ^= 1;
  EXPECT_TRUE(fails_with(member().unprotect(message), Errc::membership_tag_invalid));
}

TEST_F(MessageProtectionTest, MemberMessageWithoutMembershipTagIsRejected) {
  auto message = *member().protect_public(proposal(), alice.private_key);
  message.membership_tag.reset();
  EXPECT_TRUE(fails_with(member().unprotect(message), Errc::membership_tag_invalid));
}

TEST_F(MessageProtectionTest, NonMemberMessageWithMembershipTagIsRejected) {
  auto message = *member().protect_public(proposal(), alice.private_key);
  message.content.sender = Sender{NewMemberProposalSender{}};
  EXPECT_TRUE(fails_with(member().unprotect(message), Errc::membership_tag_invalid));
}

TEST_F(MessageProtectionTest, PublicMessageSignedByAnotherKeyIsRejected) {
  const auto message = *member().protect_public(proposal(), bob.private_key);
  EXPECT_TRUE(fails_with(member().unprotect(message), Errc::signature_invalid));
}

TEST_F(MessageProtectionTest, PublicApplicationMessageIsRejected) {
  auto message = *member().protect_public(proposal(), alice.private_key);
  message.content.content = Content{ApplicationData{Bytes{1}}};
  EXPECT_TRUE(fails_with(member().unprotect(message), Errc::content_not_allowed));
}

TEST_F(MessageProtectionTest, CommitWithoutConfirmationTagIsRefused) {
  EXPECT_TRUE(fails_with(member().protect_public(content_from(0, Content{Commit{}}), alice.private_key),
                         Errc::invalid_argument));
}

TEST_F(MessageProtectionTest, WrongEpochIsRejected) {
  auto sender = member();
  auto receiver = member();
  auto message = seal(sender, application(), alice.private_key);
  auto moved = message;
  moved.epoch += 1;
  EXPECT_TRUE(fails_with(receiver.unprotect(moved), Errc::wrong_epoch));
  auto public_message = *sender.protect_public(proposal(), alice.private_key);
  public_message.content.epoch -= 1;
  EXPECT_TRUE(fails_with(receiver.unprotect(public_message), Errc::wrong_epoch));
  EXPECT_TRUE(is_ok(receiver.unprotect(message)));
}

TEST_F(MessageProtectionTest, WrongGroupIsRejected) {
  auto sender = member();
  auto receiver = member();
  auto message = seal(sender, application(), alice.private_key);
  auto moved = message;
  moved.group_id.push_back('!');
  EXPECT_TRUE(fails_with(receiver.unprotect(moved), Errc::wrong_group));
  EXPECT_TRUE(is_ok(receiver.unprotect(message)));
}

// A message whose signature fails must not consume its generation: a
// genuine message for the same generation still opens.
TEST_F(MessageProtectionTest, BadSignatureConsumesNothing) {
  auto forger = member();
  auto sender = member();
  auto receiver = member();
  const auto forged = seal(forger, application(), bob.private_key);
  const auto genuine = seal(sender, application(), alice.private_key);
  EXPECT_TRUE(fails_with(receiver.unprotect(forged), Errc::signature_invalid));
  EXPECT_TRUE(is_ok(receiver.unprotect(genuine)));
}

TEST_F(MessageProtectionTest, GenerationAlreadyUsedIsRejected) {
  auto sender = member();
  auto receiver = member();
  const auto first = seal(sender, application(), alice.private_key);
  const auto second = seal(sender, application(), alice.private_key);
  ASSERT_TRUE(is_ok(receiver.unprotect(first)));
  EXPECT_TRUE(fails_with(receiver.unprotect(first), Errc::generation_consumed));
  EXPECT_TRUE(is_ok(receiver.unprotect(second)));
}

TEST_F(MessageProtectionTest, GenerationPastTheWindowIsRejected) {
  auto sender = member();
  auto receiver = member({.out_of_order_window = 4, .max_forward_distance = 8});
  std::vector<PrivateMessage> messages;
  for (int i = 0; i < 10; ++i) messages.push_back(seal(sender, application(), alice.private_key));
  EXPECT_TRUE(fails_with(receiver.unprotect(messages[9]), Errc::generation_too_far));
  EXPECT_TRUE(is_ok(receiver.unprotect(messages[0])));
  EXPECT_TRUE(is_ok(receiver.unprotect(messages[8])));
}

TEST_F(MessageProtectionTest, TruncatedCiphertextIsRejected) {
  auto sender = member();
  auto receiver = member();
  const auto message = seal(sender, application(), alice.private_key);
  auto truncated = message;
  truncated.ciphertext.pop_back();
  EXPECT_TRUE(fails_with(receiver.unprotect(truncated), Errc::aead_failure));
  EXPECT_TRUE(is_ok(receiver.unprotect(message)));
}

TEST_F(MessageProtectionTest, SenderDataNamingABlankLeafIsRejected) {
  auto sender = member();
  auto receiver = member();
  const auto message = seal(sender, application(2), alice.private_key);
  EXPECT_TRUE(fails_with(receiver.unprotect(message), Errc::invalid_sender));
}

// Seals a PrivateMessage from leaf 0, generation 0, around any plaintext,
// with the same keys member() derives: what a sender that ignores the
// padding rule would send.
PrivateMessage seal_by_hand(const CipherSuite& suite, const GroupContext& context,
                            BytesView plaintext) {
  SecretTree tree(suite, crypto::Secret(Bytes(suite.secret_size(), 9)), *LeafCount::of(4));
  const auto key = *tree.next(LeafIndex{0}, RatchetType::application);
  const Bytes aad = codec::encode(
      PrivateContentAad{context.group_id, context.epoch, ContentType::application, {}});
  const auto ciphertext = *suite.aead().seal(key.key.view(), key.nonce.view(), aad, plaintext);
  const auto sender_keys = *sender_data_keys(suite, Bytes(suite.secret_size(), 8), ciphertext);
  const auto sender_data = *suite.aead().seal(
      sender_keys.key.view(), sender_keys.nonce.view(),
      codec::encode(SenderDataAad{context.group_id, context.epoch, ContentType::application}),
      codec::encode(SenderData{0, key.generation, {}}));
  return {context.group_id, context.epoch, ContentType::application, {}, sender_data, ciphertext};
}

// Section 6.3.1: a receiver MUST check that the padding is all zero.
TEST_F(MessageProtectionTest, NonZeroPaddingIsRejected) {
  const auto content = application();
  auto signature = suite.sign_with_label(
      alice.private_key, "FramedContentTBS",
      framed_content_tbs(WireFormat::private_message, content, context));
  ASSERT_TRUE(is_ok(signature));
  Bytes plaintext = encode_private_content({content.content, {*signature, std::nullopt}}, 4);
  auto receiver = member();
  plaintext.back() = 1;
  EXPECT_TRUE(fails_with(receiver.unprotect(seal_by_hand(suite, context, plaintext)),
                         Errc::invalid_padding));
  plaintext.back() = 0;
  EXPECT_TRUE(is_ok(receiver.unprotect(seal_by_hand(suite, context, plaintext))));
}

}  // namespace
