// RFC 9420 wire structures beyond the published vectors: unknown and GREASE
// code points round-trip (section 13.5), the fields whose presence depends on
// another structure are decoded by that rule, and bad encodings are refused.

#include <gtest/gtest.h>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/message.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;

template <class T>
void expect_round_trip(const Bytes& encoded) {
  auto decoded = codec::decode<T>(encoded);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(codec::encode(*decoded), encoded);
}

TEST(GreaseValues, AreTheFifteenOfSection13_5) {
  int count = 0;
  for (std::uint32_t value = 0; value <= 0xffff; ++value) {
    if (is_grease(static_cast<std::uint16_t>(value))) {
      ++count;
      EXPECT_EQ(value & 0x0f0f, 0x0a0au);
    }
  }
  EXPECT_EQ(count, 15);
  EXPECT_TRUE(is_grease(0x0a0a));
  EXPECT_TRUE(is_grease(0xeaea));
  EXPECT_FALSE(is_grease(0xfafa));
  EXPECT_FALSE(is_grease(0x1a2a));
}

// Proposal type 0x0a0a (GREASE), body "abc" as opaque<V>.
TEST(CustomProposal, RoundTripsWithItsTypeAndBody) {
  const Bytes encoded = hex("0a0a03616263");
  auto proposal = codec::decode<Proposal>(encoded);
  ASSERT_TRUE(is_ok(proposal));
  const auto* custom = proposal->get_if<CustomProposal>();
  ASSERT_NE(custom, nullptr);
  EXPECT_EQ(custom->tag, static_cast<ProposalType>(0x0a0a));
  EXPECT_EQ(custom->data, (Bytes{'a', 'b', 'c'}));
  EXPECT_EQ(proposal->tag(), static_cast<ProposalType>(0x0a0a));
  EXPECT_EQ(codec::encode(*proposal), encoded);
}

TEST(CustomProposal, InsideACommitRoundTrips) {
  // proposals<V> = [ {proposal, Remove(5)}, {proposal, custom 0xbeef ""} ], no path.
  expect_round_trip<Commit>(hex("0b" "01" "0003" "00000005" "01" "beef" "00" "00"));
}

TEST(Extension, UnknownTypeRoundTripsUnchanged) {
  expect_round_trip<ExtensionList>(hex("0b" "1a1a" "03" "ffeedd" "0001" "02" "0161"));
}

TEST(Capabilities, GreaseValuesRoundTrip) {
  // versions [1], suites [1, 0x2a2a], extensions [0x3a3a], proposals [0x4a4a], credentials [1, 0x5a5a]
  expect_round_trip<Capabilities>(hex("02" "0001" "04" "0001" "2a2a" "02" "3a3a" "02" "4a4a" "04" "0001" "5a5a"));
}

TEST(Credential, UnknownTypeIsRejected) {
  EXPECT_TRUE(fails_with(codec::decode<Credential>(hex("0a0a0100")), Errc::unknown_variant));
}

TEST(Sender, UnknownSenderTypeIsRejected) {
  EXPECT_TRUE(fails_with(codec::decode<Sender>(hex("0500000001")), Errc::unknown_variant));
}

TEST(TypedExtensions, ParseFromTheirOwnDataOnly) {
  const auto extension = make_extension(ExternalPub{Bytes{1, 2, 3}});
  EXPECT_EQ(extension.extension_type, ExtensionType::external_pub);
  EXPECT_EQ(extension.extension_data, hex("03010203"));
  auto parsed = parse_extension<ExternalPub>(extension);
  ASSERT_TRUE(is_ok(parsed));
  EXPECT_EQ(parsed->external_pub, (Bytes{1, 2, 3}));
  EXPECT_TRUE(fails_with(parse_extension<ApplicationId>(extension), Errc::invalid_argument));
  EXPECT_TRUE(make_extension(LastResort{}).extension_data.empty());
}

// Section 6.1: a commit's auth data carries a confirmation tag; other
// content does not, so the same bytes read differently.
TEST(AuthenticatedContent, ConfirmationTagFollowsTheContentType) {
  const Bytes application =
      hex("0001" "01aa" "0000000000000001" "01" "00000000" "00" "01" "0568656c6c6f" "0199");
  expect_round_trip<AuthenticatedContent>(application);
  Bytes with_tag = application;
  with_tag.push_back(0x00);
  EXPECT_TRUE(fails_with(codec::decode<AuthenticatedContent>(with_tag), Errc::trailing_data));
}

// Section 6.2: a membership tag follows a member sender only.
TEST(PublicMessage, MembershipTagOnlyForMemberSenders) {
  const Bytes external_proposal =
      hex("01aa" "0000000000000001" "02" "00000000" "00" "02" "0003" "00000001" "0199");
  expect_round_trip<PublicMessage>(external_proposal);
  auto message = codec::decode<PublicMessage>(external_proposal);
  ASSERT_TRUE(is_ok(message));
  EXPECT_FALSE(message->membership_tag.has_value());
  Bytes member = external_proposal;
  member[10] = 0x01;
  EXPECT_TRUE(fails_with(codec::decode<PublicMessage>(member), Errc::truncated));
}

TEST(PrivateMessageContent, PaddingMustBeZero) {
  const PrivateMessageContent content{Content{ApplicationData{Bytes{'x'}}}, {Bytes{9}, std::nullopt}};
  Bytes plaintext = encode_private_content(content, 3);
  EXPECT_EQ(plaintext, hex("0178" "0109" "000000"));
  ASSERT_TRUE(is_ok(decode_private_content(plaintext, ContentType::application)));
  plaintext.back() = 0x80;
  EXPECT_TRUE(fails_with(decode_private_content(plaintext, ContentType::application),
                         Errc::invalid_padding));
}

// Sections 6.1 to 6.3: every field is read in turn, none taken as
// optional: each proper prefix of an AuthenticatedContent, a PublicMessage
// or a PrivateMessageContent is refused as truncated.
TEST(Framing, EveryProperPrefixIsTruncated) {
  const Bytes application =
      hex("0001" "01aa" "0000000000000001" "01" "00000000" "00" "01" "0568656c6c6f" "0199");
  const Bytes external_proposal =
      hex("01aa" "0000000000000001" "02" "00000000" "00" "02" "0003" "00000001" "0199");
  const Bytes plaintext =
      encode_private_content({Content{ApplicationData{Bytes{'x'}}}, {Bytes{9}, std::nullopt}}, 0);
  for (std::size_t size = 0; size < application.size(); ++size) {
    EXPECT_TRUE(fails_with(codec::decode<AuthenticatedContent>(BytesView(application).first(size)),
                           Errc::truncated)) << size;
  }
  for (std::size_t size = 0; size < external_proposal.size(); ++size) {
    EXPECT_TRUE(fails_with(codec::decode<PublicMessage>(BytesView(external_proposal).first(size)),
                           Errc::truncated)) << size;
  }
  for (std::size_t size = 0; size < plaintext.size(); ++size) {
    EXPECT_TRUE(fails_with(decode_private_content(BytesView(plaintext).first(size), ContentType::application),
                           Errc::truncated)) << size;
  }
}

// Section 6.3.1: the content type comes from the PrivateMessage; one
// outside the three names no content.
TEST(PrivateMessageContent, UnknownContentTypeIsRejected) {
  EXPECT_TRUE(fails_with(decode_private_content(hex("0178" "0109"), static_cast<ContentType>(4)),
                         Errc::unknown_variant));
}

TEST(MlsMessage, UnknownWireFormatIsRejected) {
  EXPECT_TRUE(fails_with(codec::decode<MlsMessage>(hex("00010009")), Errc::unknown_variant));
}

}  // namespace
