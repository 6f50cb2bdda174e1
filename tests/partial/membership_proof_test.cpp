// draft-ietf-mls-partial, "Membership Proofs and Partial Trees": proofs
// built from a real group's tree give its tree hash (RFC 9420 section 7.8),
// and every proof of another shape, every altered bit and every pair of
// proofs of different trees is refused with Errc::membership_proof_invalid.
// Subjects: the proofs of a dozen-member group with blank leaves and blank
// parents, and the draft's suite 1 vector proofs.

#include <gtest/gtest.h>

#include <bit>
#include <functional>
#include <string>
#include <vector>

#include "conclave/codec/writer.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "../group_fixtures.hpp"
#include "partial_vectors.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

// A proof, the tree hash it is valid relative to, and where it comes from.
struct Subject {
  MembershipProof proof;
  Bytes tree_hash;
  std::string origin;
};

// The proofs of the draft's suite 1 membership-proof vectors.
std::vector<Subject> vector_subjects() {
  std::vector<Subject> subjects;
  std::size_t index = 0;
  for (const auto& item : test::partial_cases("membership-proofs", 1)) {
    const Bytes tree_hash = vectors::hex_field(item, "tree_hash");
    for (const auto& entry : item.at("proofs")) {
      auto proof = codec::decode<MembershipProof>(test::hex(entry.get<std::string>()));
      EXPECT_TRUE(is_ok(proof));
      if (proof) subjects.push_back({std::move(*proof), tree_hash, "vector case " + std::to_string(index)});
    }
    ++index;
  }
  return subjects;
}

// A copy of `proof` changed by `change`.
template <class Change>
MembershipProof changed(const MembershipProof& proof, Change change) {
  MembershipProof bad = proof;
  change(bad);
  return bad;
}

using MembershipProofs = std::vector<MembershipProof>;

// Variants of a valid proof, each of which must be refused.
using Mutants = std::function<MembershipProofs(const MembershipProof&)>;

class MembershipProofTest : public GroupTest {
 protected:
  // A dozen members, then three removed: 16 leaf positions, blank leaves
  // and blank parents beside set ones.
  Group group = dozen_with_blanks();

  Group dozen_with_blanks() {
    Group alice = create("alice");
    add(alice, {"b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"});
    CommitOptions options;
    for (const std::uint32_t leaf : {3u, 6u, 7u}) options.proposals.push_back(Proposal{Remove{leaf}});
    EXPECT_TRUE(is_ok(alice.commit(options, random)));
    EXPECT_TRUE(is_ok(alice.merge_pending_commit()));
    return alice;
  }

  const RatchetTree& tree() const { return group.tree(); }

  MembershipProof proof_of(std::uint32_t leaf) const { return *make_membership_proof(tree(), LeafIndex{leaf}); }

  // Every member's proof in the group's tree, then the vector proofs.
  std::vector<Subject> subjects() const {
    std::vector<Subject> out;
    for (std::uint32_t leaf = 0; leaf < tree().leaf_count().value(); ++leaf) {
      if (!tree().is_member(LeafIndex{leaf})) continue;
      out.push_back({proof_of(leaf), tree().tree_hash(), "leaf " + std::to_string(leaf) + " of the group"});
    }
    for (auto& subject : vector_subjects()) out.push_back(std::move(subject));
    return out;
  }

  // Every mutant of every subject fails each check of a proof, and the
  // subject itself passes them (so the mutation is what is refused).
  void expect_each_refused(const Mutants& mutants) const {
    std::size_t refused = 0;
    for (const Subject& s : subjects()) {
      ASSERT_TRUE(is_ok(verify_membership_proof(suite, s.proof, s.tree_hash))) << s.origin;
      for (const MembershipProof& bad : mutants(s.proof)) {
        EXPECT_TRUE(fails_with(proof_tree_hash(suite, bad), Errc::membership_proof_invalid)) << s.origin;
        EXPECT_TRUE(fails_with(verify_membership_proof(suite, bad, s.tree_hash), Errc::membership_proof_invalid))
            << s.origin;
        EXPECT_TRUE(fails_with(same_tree(suite, s.proof, bad), Errc::membership_proof_invalid)) << s.origin;
        EXPECT_TRUE(fails_with(same_tree(suite, bad, s.proof), Errc::membership_proof_invalid)) << s.origin;
        ++refused;
      }
    }
    EXPECT_GT(refused, 0u);
  }

  // expect_each_refused() of the one mutant `change` makes.
  template <class Change>
  void expect_refused_when(Change change) const {
    expect_each_refused([&](const MembershipProof& p) { return MembershipProofs{changed(p, change)}; });
  }
};

TEST_F(MembershipProofTest, EveryMemberOfARealTreeIsProvenAgainstItsTreeHash) {
  const Bytes tree_hash = tree().tree_hash();
  const auto depth = static_cast<std::size_t>(std::countr_zero(tree().leaf_count().value()));
  ASSERT_EQ(tree().leaf_count().value(), 16u);
  for (std::uint32_t leaf = 0; leaf < 16; ++leaf) {
    auto proof = make_membership_proof(tree(), LeafIndex{leaf});
    if (!tree().is_member(LeafIndex{leaf})) {
      EXPECT_TRUE(fails_with(proof, Errc::invalid_sender)) << leaf;
      continue;
    }
    ASSERT_TRUE(is_ok(proof)) << leaf;
    EXPECT_EQ(proof->direct_path_nodes.size(), depth + 1);
    EXPECT_EQ(proof->copath_hashes.size(), depth);
    EXPECT_EQ(*proven_leaf(*proof), *tree().leaf(LeafIndex{leaf}));
    EXPECT_EQ(*proof_tree_hash(suite, *proof), tree_hash) << leaf;
    EXPECT_TRUE(is_ok(verify_membership_proof(suite, *proof, tree_hash))) << leaf;
    EXPECT_EQ(*same_tree(suite, proof_of(0), *proof), tree_hash) << leaf;
  }
  EXPECT_TRUE(fails_with(make_membership_proof(tree(), LeafIndex{16}), Errc::invalid_sender));
}

// The real tree has both blank and set parents on the proven paths, so the
// proofs above cover both kinds of TreeHashInput.
TEST_F(MembershipProofTest, TheRealTreeHasBlankAndSetParentsOnProvenPaths) {
  std::size_t blank = 0;
  std::size_t set = 0;
  for (const Subject& s : subjects()) {
    for (std::size_t i = 1; i < s.proof.direct_path_nodes.size(); ++i) ++(s.proof.direct_path_nodes[i] ? set : blank);
  }
  EXPECT_GT(blank, 0u);
  EXPECT_GT(set, 0u);
}

TEST_F(MembershipProofTest, ZeroLeavesIsRefused) {
  expect_refused_when([](MembershipProof& b) { b.n_leaves = 0; });
}

TEST_F(MembershipProofTest, LeafCountNotAPowerOfTwoIsRefused) {
  expect_each_refused([](const MembershipProof& p) {
    MembershipProofs out;
    for (const std::uint32_t n : {p.n_leaves * 3, p.n_leaves + 3, 0xffffffffu}) {
      out.push_back(changed(p, [n](MembershipProof& b) { b.n_leaves = n; }));
    }
    return out;
  });
}

// A power of two that is not the proof's depth: the node and hash counts
// no longer fit it.
TEST_F(MembershipProofTest, LeafCountOfAnotherDepthIsRefused) {
  expect_refused_when([](MembershipProof& b) { b.n_leaves *= 2; });
}

TEST_F(MembershipProofTest, LeafIndexOutOfRangeIsRefused) {
  expect_each_refused([](const MembershipProof& p) {
    MembershipProofs out;
    for (const std::uint32_t index : {p.n_leaves, p.n_leaves + 1, 0xffffffffu}) {
      out.push_back(changed(p, [index](MembershipProof& b) { b.leaf_index = index; }));
    }
    return out;
  });
}

TEST_F(MembershipProofTest, TooFewNodesAreRefused) {
  expect_each_refused([](const MembershipProof& p) {
    return MembershipProofs{changed(p, [](MembershipProof& b) { b.direct_path_nodes.pop_back(); }),
                            changed(p, [](MembershipProof& b) { b.direct_path_nodes.clear(); })};
  });
}

TEST_F(MembershipProofTest, TooManyNodesAreRefused) {
  expect_each_refused([](const MembershipProof& p) {
    return MembershipProofs{
        changed(p, [](MembershipProof& b) { b.direct_path_nodes.emplace_back(); }),
        changed(p, [](MembershipProof& b) { b.direct_path_nodes.push_back(b.direct_path_nodes.back()); })};
  });
}

TEST_F(MembershipProofTest, TooFewHashesAreRefused) {
  expect_each_refused([](const MembershipProof& p) {
    MembershipProofs out;
    if (p.copath_hashes.empty()) return out;
    out.push_back(changed(p, [](MembershipProof& b) { b.copath_hashes.pop_back(); }));
    out.push_back(changed(p, [](MembershipProof& b) { b.copath_hashes.clear(); }));
    return out;
  });
}

TEST_F(MembershipProofTest, TooManyHashesAreRefused) {
  expect_refused_when([](MembershipProof& b) { b.copath_hashes.push_back(CopathHash{Bytes(32, 7)}); });
}

TEST_F(MembershipProofTest, AbsentFirstNodeIsRefused) {
  expect_refused_when([](MembershipProof& b) { b.direct_path_nodes.front().reset(); });
}

TEST_F(MembershipProofTest, ParentNodeFirstIsRefused) {
  expect_refused_when([](MembershipProof& b) {
    const LeafNode& leaf = *proven_leaf(b);
    b.direct_path_nodes.front() = Node{ParentNode{leaf.encryption_key, {}, {}}};
  });
}

TEST_F(MembershipProofTest, LeafNodeAboveTheLeafIsRefused) {
  expect_each_refused([](const MembershipProof& p) {
    MembershipProofs out;
    for (std::size_t level = 1; level < p.direct_path_nodes.size(); ++level) {
      out.push_back(changed(p, [level](MembershipProof& b) {
        b.direct_path_nodes[level] = b.direct_path_nodes.front();
      }));
    }
    return out;
  });
}

TEST_F(MembershipProofTest, HashOfTheWrongSizeIsRefused) {
  expect_each_refused([](const MembershipProof& p) {
    MembershipProofs out;
    for (std::size_t level = 0; level < p.copath_hashes.size(); ++level) {
      out.push_back(changed(p, [level](MembershipProof& b) { b.copath_hashes[level].hash_value.pop_back(); }));
      out.push_back(changed(p, [level](MembershipProof& b) { b.copath_hashes[level].hash_value.push_back(0); }));
      out.push_back(changed(p, [level](MembershipProof& b) { b.copath_hashes[level].hash_value.clear(); }));
    }
    return out;
  });
}

// Every bit of the encoded proof (indices, node contents, presence flags,
// hashes, lengths): flipped, the proof no longer decodes or no longer
// gives the tree hash.
TEST_F(MembershipProofTest, AnyFlippedBitOfAProofIsRefused) {
  std::size_t decoded = 0;
  const auto all = subjects();
  for (const std::size_t pick : {std::size_t{0}, std::size_t{5}, all.size() - 1}) {
    const Subject& s = all.at(pick);
    const Bytes encoded = codec::encode(s.proof);
    for (std::size_t byte = 0; byte < encoded.size(); ++byte) {
      for (int bit = 0; bit < 8; ++bit) {
        const auto bad = codec::decode<MembershipProof>(
            test::with_bit_flipped(encoded, byte, static_cast<std::uint8_t>(1u << bit)));
        if (!bad) continue;
        ++decoded;
        EXPECT_TRUE(fails_with(verify_membership_proof(suite, *bad, s.tree_hash), Errc::membership_proof_invalid))
            << s.origin << ", byte " << byte << " bit " << bit;
      }
    }
  }
  EXPECT_GT(decoded, 1000u);
}

TEST_F(MembershipProofTest, AnotherTreeHashIsRefused) {
  for (const Subject& s : subjects()) {
    for (std::size_t byte = 0; byte < s.tree_hash.size(); ++byte) {
      EXPECT_TRUE(fails_with(verify_membership_proof(suite, s.proof, test::with_bit_flipped(s.tree_hash, byte)),
                             Errc::membership_proof_invalid));
    }
    Bytes longer = s.tree_hash;
    longer.push_back(0);
    EXPECT_TRUE(fails_with(verify_membership_proof(suite, s.proof, longer), Errc::membership_proof_invalid));
    EXPECT_TRUE(fails_with(verify_membership_proof(suite, s.proof, {}), Errc::membership_proof_invalid));
  }
}

// Pairs of valid proofs with different tree hashes, of equal leaf counts
// and of different ones.
TEST_F(MembershipProofTest, ProofsOfDifferentTreesAreNotTheSameTree) {
  std::size_t equal_counts = 0;
  std::size_t different_counts = 0;
  const auto all = subjects();
  for (const Subject& a : all) {
    for (const Subject& b : all) {
      if (a.tree_hash == b.tree_hash) {
        EXPECT_EQ(*same_tree(suite, a.proof, b.proof), a.tree_hash);
        continue;
      }
      ++(a.proof.n_leaves == b.proof.n_leaves ? equal_counts : different_counts);
      EXPECT_TRUE(fails_with(same_tree(suite, a.proof, b.proof), Errc::membership_proof_invalid))
          << a.origin << " and " << b.origin;
    }
  }
  EXPECT_GT(equal_counts, 0u);
  EXPECT_GT(different_counts, 0u);
}

// The start of an encoded MembershipProof whose node vector declares
// `length` bytes, followed by 16 bytes only.
Bytes declaring_nodes(std::uint64_t length) {
  Bytes out;
  codec::Writer w(out);
  w.write_u32(0);
  w.write_u32(1u << 30);
  w.write_varint(length);
  out.resize(out.size() + 16, 0);
  return out;
}

// A declared node vector far beyond what the input holds fails with a
// typed error before anything is allocated for it
// (decode_budget_test.cpp measures a hostile proof's peak allocation).
TEST(MembershipProofDecode, HugeDeclaredNodeVectorIsRefused) {
  EXPECT_TRUE(fails_with(codec::decode<MembershipProof>(declaring_nodes((std::uint64_t{1} << 30) - 1)),
                         Errc::length_limit));
  EXPECT_TRUE(fails_with(codec::decode<MembershipProof>(declaring_nodes((std::uint64_t{1} << 26) - 1)),
                         Errc::truncated));
}

}  // namespace
}  // namespace conclave::mls
