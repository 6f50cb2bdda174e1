// Issue 18, findings 1 and 2: decoding untrusted bytes is bounded. Hostile
// inputs of 16 MB, one per shape that once multiplied memory (a Commit of
// millions of proposal references, a tree of blank nodes, a Welcome of
// millions of secrets, lists of extensions, capabilities, unmerged leaves,
// nested vectors, a membership proof's nodes and hashes), are refused with
// Errc::decode_limit within 64 MiB of peak allocation and 1 s; a 131,072-leaf tree whose every parent lists every leaf
// below it is checked within 2 s; a 100,000-member tree still decodes. A
// binary of its own: it counts every C++ allocation to find the peak.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "peak_allocation.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

constexpr std::size_t mib = std::size_t{1} << 20;
constexpr std::size_t hostile_size = 16'000'000;

const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

using conclave::test::time_scale;

struct Cost {
  double peak_mib;
  double seconds;
};

// The peak allocation above what was live before `run`, and its time.
template <class Run>
Cost cost_of(const char* what, std::size_t input_size, Run&& run) {
  const test::PeakAllocation peak;
  const auto start = std::chrono::steady_clock::now();
  run();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  const Cost cost{static_cast<double>(peak.bytes()) / mib, elapsed.count()};
  std::printf("[ budget   ] %s: input %.1f MB, peak %.1f MiB, %.3f s\n", what,
              static_cast<double>(input_size) / 1e6, cost.peak_mib, cost.seconds);
  return cost;
}

template <class T>
void expect_refused_within_budget(const char* what, const Bytes& input) {
  const Cost cost = cost_of(what, input.size(), [&] {
    EXPECT_TRUE(fails_with(codec::decode<T>(input), Errc::decode_limit));
  });
  EXPECT_LE(cost.peak_mib, 64.0);
  EXPECT_LE(cost.seconds, 1.0 * time_scale);
}

// `prefix`, then a vector of `item` repeated to make the whole about
// `total` bytes, then `suffix`.
Bytes with_vector(const Bytes& prefix, const Bytes& item, std::size_t total, const Bytes& suffix) {
  const std::size_t count = (total - prefix.size() - suffix.size() - 4) / item.size();
  Bytes out = prefix;
  out.reserve(total);
  codec::Writer(out).write_varint(count * item.size());
  for (std::size_t i = 0; i < count; ++i) out.insert(out.end(), item.begin(), item.end());
  out.insert(out.end(), suffix.begin(), suffix.end());
  return out;
}

template <class... T>
Bytes encoded(const T&... parts) {
  Bytes out;
  (codec::Writer(out).write_bytes(codec::encode(parts)), ...);
  return out;
}

// An MLSMessage carrying a member's PublicMessage Commit whose proposals are
// `item` repeated.
Bytes commit_message(const Bytes& item, std::size_t total) {
  const Bytes prefix = encoded(ProtocolVersion::mls10, WireFormat::public_message, Bytes{'g'},
                               std::uint64_t{1}, Sender{MemberSender{0}}, Bytes{}, ContentType::commit);
  const Bytes suffix = encoded(std::optional<UpdatePath>{}, Bytes{1}, Bytes{2}, Bytes{3});
  return with_vector(prefix, item, total, suffix);
}

// An MLSMessage carrying a Welcome whose secrets are `item` repeated.
Bytes welcome_message(const Bytes& item, std::size_t total) {
  const Bytes prefix = encoded(ProtocolVersion::mls10, WireFormat::welcome,
                               CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return with_vector(prefix, item, total, encoded(Bytes{}));
}

// An MLSMessage carrying a GroupInfo whose extensions are `item` repeated.
Bytes group_info_message(const Bytes& item, std::size_t total) {
  const Bytes prefix = encoded(ProtocolVersion::mls10, WireFormat::group_info, GroupContext{});
  return with_vector(prefix, item, total, encoded(Bytes{}, std::uint32_t{0}, Bytes{}));
}

const Bytes empty_reference = encoded(ProposalOrRefType::reference, Bytes{});
const Bytes remove_by_value =
    encoded(ProposalOrRefType::proposal, ProposalType::remove, std::uint32_t{1});
const Bytes empty_secret = encoded(EncryptedGroupSecrets{});
const Bytes empty_extension = encoded(Extension{ExtensionType::application_id, {}});

// The message shapes hold together: with a few items each decodes.
TEST(DecodeBudget, SmallHostileShapesDecode) {
  auto commit = codec::decode<MlsMessage>(commit_message(empty_reference, 100));
  ASSERT_TRUE(is_ok(commit));
  const auto* content = commit->body.get_if<PublicMessage>();
  ASSERT_NE(content, nullptr);
  EXPECT_GT(content->content.content.get_if<Commit>()->proposals.size(), 10u);
  EXPECT_TRUE(is_ok(codec::decode<MlsMessage>(commit_message(remove_by_value, 100))));
  EXPECT_TRUE(is_ok(codec::decode<MlsMessage>(welcome_message(empty_secret, 100))));
  EXPECT_TRUE(is_ok(codec::decode<MlsMessage>(group_info_message(empty_extension, 100))));
}

// An MLSMessage of 16 MB, one list of it the same small item repeated.
struct HostileMessage {
  const char* name;
  Bytes (*message)(const Bytes& item, std::size_t total);
  const Bytes* item;
};

class HostileMessages : public ::testing::TestWithParam<HostileMessage> {};

TEST_P(HostileMessages, AreRefusedWithinBudget) {
  expect_refused_within_budget<MlsMessage>(GetParam().name,
                                           GetParam().message(*GetParam().item, hostile_size));
}

INSTANTIATE_TEST_SUITE_P(
    DecodeBudget, HostileMessages,
    ::testing::Values(HostileMessage{"CommitOfEmptyReferences", commit_message, &empty_reference},
                      HostileMessage{"CommitOfRemoves", commit_message, &remove_by_value},
                      HostileMessage{"WelcomeOfSecrets", welcome_message, &empty_secret},
                      HostileMessage{"GroupInfoOfExtensions", group_info_message, &empty_extension}),
    [](const ::testing::TestParamInfo<HostileMessage>& shape) { return std::string(shape.param.name); });

TEST(DecodeBudget, CapabilitiesOfMillionsOfVersionsAreRefused) {
  const Bytes versions = with_vector({}, encoded(ProtocolVersion::mls10), hostile_size,
                                     Bytes{0, 0, 0, 0});
  expect_refused_within_budget<Capabilities>("capabilities of 8M versions", versions);
}

TEST(DecodeBudget, ParentOfMillionsOfUnmergedLeavesIsRefused) {
  const Bytes parent = with_vector(Bytes{0, 0}, encoded(std::uint32_t{0}), hostile_size, {});
  expect_refused_within_budget<ParentNode>("parent of 4M unmerged leaves", parent);
}

TEST(DecodeBudget, MillionsOfNestedEmptyVectorsAreRefused) {
  const Bytes nested = with_vector({}, Bytes{0}, hostile_size, {});
  expect_refused_within_budget<std::vector<std::vector<std::uint32_t>>>("16M nested vectors", nested);
}

// Millions of one-byte Bytes: each a heap block, charged with its overhead.
TEST(DecodeBudget, MillionsOfTinyByteStringsAreRefused) {
  const Bytes strings = with_vector({}, Bytes{1, 7}, hostile_size, {});
  expect_refused_within_budget<std::vector<Bytes>>("8M one-byte strings", strings);
}

TEST(DecodeBudget, TreeOfMillionsOfBlankNodesIsRefused) {
  const Bytes blanks = with_vector({}, Bytes{0}, hostile_size, {});
  expect_refused_within_budget<RatchetTreeNodes>("tree of 16M blank nodes", blanks);
  const Cost cost = cost_of("tree of 16M blank nodes, from_encoded", blanks.size(), [&] {
    EXPECT_TRUE(fails_with(RatchetTree::from_encoded(suite(), blanks), Errc::decode_limit));
  });
  EXPECT_LE(cost.peak_mib, 64.0);
  EXPECT_LE(cost.seconds, 1.0 * time_scale);
}

// draft-ietf-mls-partial: a MembershipProof (whose honest size is at most
// 32 nodes and 31 hashes) declaring millions of absent nodes or of empty
// copath hashes.
TEST(DecodeBudget, MembershipProofOfMillionsOfNodesOrHashesIsRefused) {
  const Bytes indices = encoded(std::uint32_t{0}, std::uint32_t{1});
  const Bytes no_nodes = encoded(std::uint32_t{0}, std::uint32_t{1}, Bytes{});
  expect_refused_within_budget<MembershipProof>("proof of 16M absent nodes",
                                                with_vector(indices, Bytes{0}, hostile_size, encoded(Bytes{})));
  expect_refused_within_budget<MembershipProof>("proof of 16M empty copath hashes",
                                                with_vector(no_nodes, Bytes{0}, hostile_size, {}));
}

// The honest values limits.hpp promises under the defaults: a Commit of
// 32,768 removes, or of 32,768 references, and a decoded tree of 16,384
// members.
TEST(DecodeBudget, LargeHonestValuesDecode) {
  Commit removes;
  Commit references;
  for (std::uint32_t i = 0; i < 32'768; ++i) {
    removes.proposals.emplace_back().value.emplace<Proposal>().value.emplace<Remove>().removed = i;
    references.proposals.emplace_back().value.emplace<ProposalRef>(32, 1);
  }
  EXPECT_TRUE(is_ok(codec::decode<Commit>(codec::encode(removes))));
  EXPECT_TRUE(is_ok(codec::decode<Commit>(codec::encode(references))));
  EXPECT_TRUE(is_ok(codec::decode<RatchetTreeNodes>(codec::encode(test::sized_tree(16'384)))));
}

// Finding 2: 131,072 leaves, every parent listing every leaf below it.
TEST(DecodeBudget, TreeWhoseParentsListEveryLeafBelowIsCheckedInTime) {
  const auto nodes = test::unmerged_everywhere_tree(1 << 17);
  const Bytes encoded_tree = codec::encode(nodes);
  const Cost cost = cost_of("131,072-leaf tree, every parent listing its leaves, from_encoded",
                            encoded_tree.size(), [&] {
                              EXPECT_TRUE(is_ok(RatchetTree::from_encoded(suite(), encoded_tree)));
                            });
  EXPECT_LE(cost.peak_mib, 64.0);
  EXPECT_LE(cost.seconds, 2.0 * time_scale);
  const Cost from_nodes = cost_of("the same tree, from_nodes", encoded_tree.size(), [&] {
    EXPECT_TRUE(is_ok(RatchetTree::from_nodes(suite(), nodes)));
  });
  EXPECT_LE(from_nodes.seconds, 2.0 * time_scale);
}

// Limits' defaults hold a 100,000-member group (131,072 leaf positions):
// about 24 MB, which decodes through from_encoded() within the memory budget
// of its size, in the GroupInfo and Welcome that carry it.
TEST(DecodeBudget, HundredThousandMemberTreeDecodes) {
  const Bytes encoded_tree = codec::encode(test::sized_tree(100'000));
  EXPECT_GT(encoded_tree.size(), 20'000'000u);
  const codec::Limits defaults;
  EXPECT_LE(encoded_tree.size(), defaults.max_vector_length);
  const Cost cost = cost_of("100,000-member tree, from_encoded", encoded_tree.size(), [&] {
    auto tree = RatchetTree::from_encoded(suite(), encoded_tree);
    ASSERT_TRUE(is_ok(tree));
    EXPECT_EQ(tree->member_count(), 100'000u);
    EXPECT_EQ(tree->leaf_count().value(), 131'072u);
  });
  EXPECT_LE(cost.peak_mib, static_cast<double>(defaults.memory_budget(encoded_tree.size())) / mib);

  // The messages that carry it to a joiner decode too: a GroupInfo with the
  // ratchet_tree extension, and a Welcome with that GroupInfo encrypted.
  GroupInfo info;
  info.extensions.push_back(Extension{ExtensionType::ratchet_tree, encoded_tree});
  const Bytes group_info = codec::encode(MlsMessage{ProtocolVersion::mls10, MessageBody{info}});
  EXPECT_TRUE(is_ok(codec::decode<MlsMessage>(group_info)));
  Welcome welcome;
  welcome.encrypted_group_info = Bytes(group_info.size() + 16, 1);
  EXPECT_TRUE(is_ok(codec::decode<MlsMessage>(
      codec::encode(MlsMessage{ProtocolVersion::mls10, MessageBody{welcome}}))));
}

}  // namespace
