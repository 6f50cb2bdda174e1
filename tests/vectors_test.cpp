// The published vector files through the vector-check library: each file is
// recognized as its kind and every case in it passes.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "check.hpp"
#include "vector_paths.hpp"

namespace {

namespace fs = std::filesystem;
using conclave::vectors::Json;

enum class Location { shared, project };

struct VectorFile {
  const char* name;
  Location location;
  const char* path;  // relative to its location
  const char* kind;
  std::size_t cases;
  std::size_t skipped = 0;  // cases of cipher suites Conclave does not implement
};

fs::path directory_of(Location location) {
  return location == Location::shared ? conclave::test::shared_vectors_dir()
                                      : conclave::test::project_vectors_dir();
}

class VectorFileTest : public ::testing::TestWithParam<VectorFile> {};

TEST_P(VectorFileTest, EveryCasePasses) {
  const auto& v = GetParam();
  const fs::path directory = directory_of(v.location);
  if (!fs::is_directory(directory)) {
    GTEST_SKIP() << "no vector directory at " << directory.string()
                 << " (set CONCLAVE_VECTORS to the shared vectors)";
  }
  const fs::path file = directory / v.path;
  if (!fs::is_regular_file(file)) GTEST_SKIP() << "no vector file at " << file.string();

  std::ifstream in(file);
  const Json doc = Json::parse(in, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << file.string() << " is not valid JSON";

  const auto* kind = conclave::vectors::recognize(file, doc);
  ASSERT_NE(kind, nullptr) << file.string() << " was not recognized";
  EXPECT_EQ(kind->name, v.kind);
  ASSERT_NE(kind->check, nullptr) << "no check for " << kind->name;

  const auto tally = kind->check(doc);
  for (const auto& failure : tally.failures) ADD_FAILURE() << file.string() << ": " << failure;
  EXPECT_EQ(tally.passed, v.cases);
  EXPECT_EQ(tally.failed, 0u);
  EXPECT_EQ(tally.skipped, v.skipped);
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, VectorFileTest,
    ::testing::Values(
        // RFC 9180 appendix A.
        VectorFile{"Rfc9180Hpke", Location::shared, "hpke/test-vectors.json", "hpke", 128},
        // mlswg/mls-implementations.
        VectorFile{"MlsCryptoBasics", Location::shared, "mls/crypto-basics.json",
                   "crypto-basics", 7},
        VectorFile{"MlsTreeMath", Location::shared, "mls/tree-math.json", "tree-math", 10},
        VectorFile{"MlsDeserialization", Location::shared, "mls/deserialization.json",
                   "deserialization", 14},
        VectorFile{"MlsMessages", Location::shared, "mls/messages.json", "messages", 300},
        VectorFile{"MlsKeySchedule", Location::shared, "mls/key-schedule.json", "key-schedule", 7},
        VectorFile{"MlsPskSecret", Location::shared, "mls/psk_secret.json", "psk-secret", 77},
        VectorFile{"MlsSecretTree", Location::shared, "mls/secret-tree.json", "secret-tree", 21},
        VectorFile{"MlsTranscriptHashes", Location::shared, "mls/transcript-hashes.json",
                   "transcript-hashes", 7},
        VectorFile{"MlsMessageProtection", Location::shared, "mls/message-protection.json",
                   "message-protection", 7},
        VectorFile{"MlsWelcome", Location::shared, "mls/welcome.json", "welcome", 7},
        VectorFile{"MlsTreeValidation", Location::shared, "mls/tree-validation.json",
                   "tree-validation", 98},
        VectorFile{"MlsTreeOperations", Location::shared, "mls/tree-operations.json",
                   "tree-operations", 5},
        VectorFile{"MlsTreeKem", Location::shared, "mls/treekem.json", "treekem", 77},
        VectorFile{"MlsPassiveClientWelcome", Location::shared,
                   "mls/passive-client-welcome.json", "passive-client", 56},
        VectorFile{"MlsPassiveClientHandlingCommit", Location::shared,
                   "mls/passive-client-handling-commit.json", "passive-client", 91},
        VectorFile{"MlsPassiveClientRandom", Location::shared, "mls/passive-client-random.json",
                   "passive-client", 1},
        // RFC 5054 appendix A and B; secure-remote-password/test-vectors (the
        // srptools file, with skipped BLAKE2 cases, is in srp_rfc5054_test.cpp).
        VectorFile{"SrpRfc5054", Location::shared, "srp/rfc5054.json", "srp-rfc5054", 1},
        VectorFile{"SrpRfc5054Groups", Location::shared, "srp/rfc5054-groups.json", "srp-groups",
                   7},
        VectorFile{"SrpTestVectorsRfc5054", Location::shared,
                   "srp/secure-remote-password-rfc5054.json", "srp-test-vectors", 1},
        // ProtonMail/go-srp and WebClients packages/srp.
        VectorFile{"ProtonSrpV4", Location::shared, "proton/proton-srp-v4.json", "proton-srp", 6},
        VectorFile{"ProtonMeetPsk", Location::shared, "proton/proton-meet-psk.json", "proton-meet-psk", 4},
        VectorFile{"ProtonMeetNames", Location::shared, "proton/proton-meet-names.json", "proton-meet-names", 4},
        // RFC 9605 appendix C, and the AES-256 AES-CTR-HMAC suites.
        VectorFile{"Rfc9605SFrame", Location::shared, "sframe/test-vectors.json", "sframe", 300},
        VectorFile{"SFrameAes256CtrHmac", Location::shared, "sframe/test-vectors-aes256.json", "sframe", 3},
        // Proton Meet's LiveKit configuration, made with livekit-client.
        VectorFile{"LiveKitFrames", Location::shared, "livekit/livekit-frames.json", "livekit-frames", 9},
        // Conclave's own DHKEM(P-384) vectors, from an independent generator.
        VectorFile{"ConclaveHpkeP384", Location::project, "hpke-p384.json", "hpke", 8},
        // Conclave's own SFrame-over-MLS and LiveKit vectors, from an independent generator.
        VectorFile{"ConclaveMlsSFrame", Location::project, "mls-sframe.json", "mls-sframe", 8},
        VectorFile{"ConclaveLiveKitFrames", Location::project, "livekit-frames.json", "livekit-frames", 10},
        // Conclave's password PSK vectors, from an independent Python Argon2id.
        VectorFile{"ConclaveMeetingPasswordPsk", Location::project, "meeting-password-psk.json", "meeting-password-psk", 4},
        // Conclave's draft-ietf-mls-extensions vectors, from an independent Python generator;
        // the AppAck cases are skipped (Conclave has no AppAck type).
        VectorFile{"ConclaveMlsExtensions", Location::project, "mls-extensions.json", "mls-extensions", 91, 3},
        // Conclave's meeting transcripts, one per MLS cipher suite, from vectors/generator.
        VectorFile{"ConclaveMeetingTranscript", Location::project, "meeting-transcript.json", "meeting-transcript", 7},
        // draft-ietf-mls-partial (mlswg/mls-partial): suites 1 to 7 pass, the
        // post-quantum suites 8 to 10 are skipped.
        VectorFile{"PartialMembershipProofs", Location::shared, "partial/membership-proofs.json",
                   "partial-membership-proofs", 56, 24},
        VectorFile{"PartialMessageSyntax", Location::shared, "partial/message-syntax.json",
                   "partial-message-syntax", 7, 3},
        VectorFile{"PartialSenderAuthenticatedMessages", Location::shared,
                   "partial/sender-authenticated-messages.json", "partial-sender-authenticated-messages", 14, 6},
        VectorFile{"PartialAnnotatedWelcome", Location::shared, "partial/annotated-welcome.json",
                   "partial-annotated-welcome", 7, 3},
        VectorFile{"PartialTreeOperations", Location::shared, "partial/tree-operations.json",
                   "partial-tree-operations", 28, 12},
        VectorFile{"PartialAnnotatedCommit", Location::shared, "partial/annotated-commit.json",
                   "partial-annotated-commit", 7, 3},
        VectorFile{"PartialPassiveClientScenarios", Location::shared,
                   "partial/passive-client-scenarios.json", "partial-passive-client-scenarios", 7, 3}),
    [](const auto& test) { return std::string(test.param.name); });

}  // namespace
