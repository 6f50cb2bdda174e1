// draft-ietf-mls-partial test vectors: sender-authenticated-messages, each a
// SenderAuthenticatedMessage<PublicMessage> (bare, not MLSMessage-framed)
// of a member's proposal or commit. test-vectors.md asks to verify the proof
// and the signature "given the current partial client state", but the file
// gives no state: no GroupContext (which a member's FramedContentTBS
// includes, and whose tree hash the proof must give) and no membership key.
// By trial the signatures verify under none of the contexts the message
// itself implies (its group ID and epoch, the proof's tree hash, an empty or
// an Nh-zero-byte confirmed transcript hash, no extensions), nor over a
// FramedContentTBS without a context; no other file of the draft's vectors
// holds this group (its group ID appears in no other file, nor is it the
// group the annotated-welcome joiners enter). Checked is what the
// file determines: each message decodes and re-encodes to its bytes, the
// proof is well formed (its root tree hash computes), it proves the
// message's member sender leaf, and the message is the content type its
// message_type names (a commit with its confirmation tag).

#include "check.hpp"
#include "conclave/mls/annotated_messages.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

bool of_named_type(const Json& v, const PublicMessage& message) {
  const auto type = v.at("message_type").get<std::string>();
  const auto& content = message.content.content;
  if (type == "PublicMessageProposal") return content.holds<Proposal>();
  return type == "PublicMessageCommit" && content.holds<Commit>() && message.auth.confirmation_tag.has_value();
}

void check_case(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  const Bytes encoded = hex_field(v, "sender_authenticated_message");
  const auto message = codec::decode<SenderAuthenticatedMessage<PublicMessage>>(encoded);
  check.expect(suite.ok() && message.ok(), "suite or message");
  if (!suite || !message) return;
  check.expect_equal(codec::encode(*message), encoded, "re-encoded message");
  const auto& proof = message->sender_membership_proof;
  check.expect(proof_tree_hash(*suite, proof).ok(), "proof well formed");
  const auto* sender = message->message.content.sender.get_if<MemberSender>();
  check.expect(sender != nullptr && sender->leaf_index == proof.leaf_index, "proof of the sender's leaf");
  check.expect(of_named_type(v, message->message), "message_type");
}

}  // namespace

Tally check_partial_sender_authenticated(const Json& doc) { return check_partial_each(doc, check_case); }

}  // namespace conclave::vectors
