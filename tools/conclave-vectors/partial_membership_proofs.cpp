// draft-ietf-mls-partial test vectors: membership proofs. Each proof must
// decode, re-encode to the same bytes, give the case's tree hash, and
// reference the same tree as the proof before it.

#include "check.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/membership_proof.hpp"

namespace conclave::vectors {

const char* const partial_suite_skip_note =
    "cipher suites 8 to 10 (post-quantum) are not implemented by Conclave";

bool partial_suite_supported(const Json& item) {
  const auto id = item.at("cipher_suite").get<std::uint16_t>();
  return id >= 1 && id <= 7;
}

Tally check_partial_membership_proofs(const Json& doc) {
  return check_partial_each(doc, [](const Json& item, CaseCheck& check) {
    const auto suite = suite_of(item);
    check.expect(suite.ok(), "cipher suite unsupported");
    if (!suite) return;
    const Bytes tree_hash = hex_field(item, "tree_hash");
    std::optional<mls::MembershipProof> previous;
    for (const auto& entry : item.at("proofs")) {
      const auto encoded = from_hex(entry.get<std::string>());
      check.expect(encoded.ok(), "proof is not hex");
      if (!encoded) return;
      const auto proof = codec::decode<mls::MembershipProof>(*encoded);
      check.expect(proof.ok(), "proof does not decode");
      if (!proof) return;
      check.expect_equal(codec::encode(*proof), *encoded, "re-encoded proof");
      check.expect(mls::verify_membership_proof(*suite, *proof, tree_hash).ok(), "proof's tree hash");
      if (previous) check.expect(mls::same_tree(*suite, *previous, *proof).ok(), "proofs reference one tree");
      previous = *proof;
    }
  });
}

}  // namespace conclave::vectors
