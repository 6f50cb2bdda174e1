// Meeting links and security codes (spec-notes/meeting-profile.md): links
// generated uniformly and parsed strictly, the meeting password with a
// custom part (checked through to Proton's PSK vector), and both forms of
// the security code.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "conclave/meeting/link.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/security_code.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;

TEST(MeetingLink, GeneratesAndParsesBack) {
  crypto::DeterministicRandom random(as_bytes("links"));
  const auto link = MeetingLink::generate("https://meet.example", random);
  ASSERT_TRUE(is_ok(link));
  EXPECT_EQ(link->meeting_id.size(), meeting_id_size);
  EXPECT_EQ(link->link_password.size(), link_password_size);
  const std::string url(link->url().text());
  EXPECT_EQ(url, "https://meet.example/join/id-" + link->meeting_id + "#pwd-" + std::string(link->link_password.text()));
  const auto parsed = MeetingLink::parse(url);
  ASSERT_TRUE(is_ok(parsed));
  EXPECT_EQ(parsed->base, link->base);
  EXPECT_EQ(parsed->meeting_id, link->meeting_id);
  EXPECT_TRUE(parsed->link_password == link->link_password);
  EXPECT_NE(MeetingLink::generate("https://meet.example", random)->url().text(), url);
}

// Rejection sampling: every character of the 62-letter alphabet about
// equally often (a plain byte mod 62 would favour eight of them by 25%).
TEST(MeetingLink, PasswordCharactersAreUniform) {
  crypto::DeterministicRandom random(as_bytes("uniform"));
  std::map<char, std::size_t> counts;
  for (int i = 0; i < 20'000; ++i) {
    const auto link = MeetingLink::generate("https://m.example", random);
    for (const char c : link->link_password.text()) ++counts[c];
  }
  ASSERT_EQ(counts.size(), 62u);
  const auto [low, high] = std::minmax_element(counts.begin(), counts.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
  EXPECT_LT(static_cast<double>(high->second) / static_cast<double>(low->second), 1.12);
}

TEST(MeetingLink, ParsingIsStrict) {
  const std::string good = "https://meet.example/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K";
  EXPECT_TRUE(is_ok(MeetingLink::parse(good)));
  for (const char* bad : {
           "https://meet.example/join/id-7QW3ZK9PX#pwd-Ab3dEf6hIj9K",     // short ID
           "https://meet.example/join/id-7qw3zk9pxd#pwd-Ab3dEf6hIj9K",    // lowercase ID
           "https://meet.example/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9",     // short password
           "https://meet.example/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K0",   // long password
           "https://meet.example/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9!",    // bad character
           "https://meet.example/join/id-7QW3ZK9PXD#pw-Ab3dEf6hIj9Kx",    // wrong marker
           "https://meet.example/join/id-7QW3ZK9PXD?pwd-Ab3dEf6hIj9K",    // a query, not a fragment
           "http://meet.example/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K",     // not https
           "https://meet.example?x=1/join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K",
           "https:///join/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K",                // no host
           "https://meet.example/id-7QW3ZK9PXD#pwd-Ab3dEf6hIj9K",         // no /join/
           ""}) {
    EXPECT_TRUE(fails_with(MeetingLink::parse(bad), Errc::invalid_link)) << bad;
  }
  crypto::DeterministicRandom random(as_bytes("bases"));
  EXPECT_TRUE(fails_with(MeetingLink::generate("https://meet.example/", random), Errc::invalid_link));
  EXPECT_TRUE(fails_with(MeetingLink::generate("ftp://meet.example", random), Errc::invalid_link));
}

// The custom password joins the link password with "_"; through to the PSK,
// this is the fourth case of proton-meet-psk.json.
TEST(MeetingLink, MeetingPasswordWithACustomPart) {
  const auto link = *MeetingLink::parse("https://meet.example/join/id-MTG0123456#pwd-Ab3dEf6hIj9K");
  EXPECT_EQ(link.meeting_password()->text(), "Ab3dEf6hIj9K");
  const auto combined = link.meeting_password("pässwörd ✓");
  ASSERT_TRUE(is_ok(combined));
  EXPECT_EQ(combined->text(), "Ab3dEf6hIj9K_pässwörd ✓");
  const auto psk = password_psk(link.meeting_id, combined->text());
  ASSERT_TRUE(is_ok(psk));
  EXPECT_EQ(Bytes(psk->psk.view().begin(), psk->psk.view().end()),
            hex("869d28cac9690a66b57ca419e2a15bdc0beb18d351e62bb22a8dcd33ed409f4f"));
  EXPECT_TRUE(fails_with(link.meeting_password(""), Errc::invalid_argument));
}

TEST(SecurityCode, BothForms) {
  Bytes authenticator(32);
  for (std::size_t i = 0; i < authenticator.size(); ++i) authenticator[i] = static_cast<std::uint8_t>(i);
  const auto code = SecurityCode::of(7, authenticator);
  ASSERT_TRUE(is_ok(code));
  EXPECT_EQ(code->hex_groups,
            "0001 0203 0405 0607 0809 0a0b 0c0d 0e0f 1011 1213 1415 1617 1819 1a1b 1c1d 1e1f");
  EXPECT_EQ(code->display(), "Epoch 7: " + code->hex_groups);
  EXPECT_EQ(code->decimal, "6869 5230 6183");  // 0x0001020304050607 mod 10^12
  EXPECT_EQ(SecurityCode::of(1, Bytes(8, 0xff))->decimal, "0737 0955 1615");  // zero-padded
  EXPECT_TRUE(fails_with(SecurityCode::of(1, Bytes(7)), Errc::invalid_length));
}

}  // namespace
