// Decodes arbitrary bytes as one of the draft-ietf-mls-partial structures
// (the first byte chooses which: partial_fuzz_setup.hpp). A decode keeps
// within its memory budget (decode_budget.hpp); whatever decodes must
// re-encode to exactly the input (the encoding is canonical), and every
// membership proof in it is checked (proof_tree_hash(), same_tree()) without
// crashing. A decoded AnnotatedCommit, or PublicMessage or PrivateMessage
// with its sender's proof, then goes to a live partial client: carol of
// group_fuzz's fixed group, downgraded, whom every input meets in the same
// state. One she rejects must leave her epoch, epoch_authenticator and own
// proof as they were, else the target traps; one she accepts (a genuine
// seed) is undone by making her again.

#include <cstdint>
#include <cstdlib>
#include <type_traits>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/partial_group.hpp"
#include "decode_budget.hpp"
#include "group_fuzz_setup.hpp"
#include "partial_fuzz_setup.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;

std::vector<const MembershipProof*> proofs_in(const CopathHash&) { return {}; }
std::vector<const MembershipProof*> proofs_in(const MembershipProof& proof) { return {&proof}; }
template <class T>
std::vector<const MembershipProof*> proofs_in(const SenderAuthenticatedMessage<T>& message) {
  return {&message.sender_membership_proof};
}
std::vector<const MembershipProof*> proofs_in(const AnnotatedWelcome& welcome) {
  return {&welcome.welcome.sender_membership_proof, &welcome.joiner_membership_proof};
}
std::vector<const MembershipProof*> proofs_in(const AnnotatedCommit& commit) {
  std::vector<const MembershipProof*> out{&commit.sender_membership_proof_after,
                                          &commit.receiver_membership_proof_after};
  if (commit.sender_membership_proof) out.push_back(&*commit.sender_membership_proof);
  return out;
}

// The checks a receiver makes of the proofs, each against the first.
void check_proofs(const std::vector<const MembershipProof*>& proofs) {
  static const CipherSuite suite =
      *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  for (const MembershipProof* proof : proofs) {
    auto hash = proof_tree_hash(suite, *proof);
    if (hash && !verify_membership_proof(suite, *proof, *hash)) std::abort();
    (void)same_tree(suite, *proofs.front(), *proof);
  }
}

struct LiveClient {
  fuzz::GroupFuzzSetup setup = fuzz::make_group_fuzz_setup();
  PartialGroup fresh() const { return std::move(*PartialGroup::downgrade(setup.carol())); }
};

// `process` on the live client; a rejection must leave it as it was.
template <class Process>
void deliver(Process&& process) {
  static const LiveClient live;
  static PartialGroup client = live.fresh();
  static const Bytes authenticator(client.epoch_authenticator().begin(), client.epoch_authenticator().end());
  static const MembershipProof own_proof = client.own_membership_proof();
  if (process(client)) {
    client = live.fresh();
    return;
  }
  const BytesView now = client.epoch_authenticator();
  if (client.epoch() != 1 || !std::equal(now.begin(), now.end(), authenticator.begin(), authenticator.end()) ||
      !(client.own_membership_proof() == own_proof)) {
    __builtin_trap();
  }
}

template <class T>
void process(const SenderAuthenticatedMessage<T>& message) {
  if constexpr (std::is_same_v<T, PublicMessage> || std::is_same_v<T, PrivateMessage>) {
    const MlsMessage framed{ProtocolVersion::mls10, MessageBody{message.message}};
    deliver([&](PartialGroup& client) { return client.process(framed, message.sender_membership_proof).ok(); });
  }
}
void process(const AnnotatedCommit& commit) {
  deliver([&](PartialGroup& client) { return client.process(commit).ok(); });
}
template <class T>
void process(const T&) {}

template <class T>
void round_trip(BytesView input) {
  auto decoded = fuzz::decode_within_budget(input.size(),
                                            [&] { return codec::decode<T>(input, fuzz::fuzz_limits); });
  if (!decoded) return;
  const Bytes encoded = codec::encode(*decoded);
  if (encoded.size() != input.size() || !std::equal(encoded.begin(), encoded.end(), input.begin())) std::abort();
  check_proofs(proofs_in(*decoded));
  process(*decoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const BytesView input(data + 1, size - 1);
  switch (static_cast<fuzz::PartialKind>(data[0] % fuzz::partial_kinds)) {
    case fuzz::PartialKind::copath_hash: round_trip<CopathHash>(input); break;
    case fuzz::PartialKind::membership_proof: round_trip<MembershipProof>(input); break;
    case fuzz::PartialKind::sender_authenticated_welcome: round_trip<SenderAuthenticatedMessage<Welcome>>(input); break;
    case fuzz::PartialKind::sender_authenticated_group_info:
      round_trip<SenderAuthenticatedMessage<GroupInfo>>(input);
      break;
    case fuzz::PartialKind::sender_authenticated_public_message:
      round_trip<SenderAuthenticatedMessage<PublicMessage>>(input);
      break;
    case fuzz::PartialKind::sender_authenticated_private_message:
      round_trip<SenderAuthenticatedMessage<PrivateMessage>>(input);
      break;
    case fuzz::PartialKind::annotated_welcome: round_trip<AnnotatedWelcome>(input); break;
    case fuzz::PartialKind::annotated_commit: round_trip<AnnotatedCommit>(input); break;
  }
  return 0;
}
