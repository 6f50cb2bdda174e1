// draft-ietf-mls-partial test vectors: message syntax. Each field decodes
// as the structure it names and re-encodes to the same bytes.

#include "check.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/membership_proof.hpp"

namespace conclave::vectors {

Tally check_partial_message_syntax(const Json& doc) {
  return check_partial_each(doc, [](const Json& item, CaseCheck& check) {
    using namespace conclave::mls;
    expect_round_trip<CopathHash>(item, "copath_hash", check);
    expect_round_trip<MembershipProof>(item, "membership_proof", check);
    expect_round_trip<SenderAuthenticatedMessage<Welcome>>(item, "sender_authenticated_welcome", check);
    expect_round_trip<SenderAuthenticatedMessage<GroupInfo>>(item, "sender_authenticated_group_info", check);
    expect_round_trip<SenderAuthenticatedMessage<PublicMessage>>(item, "sender_authenticated_public_message",
                                                                 check);
    expect_round_trip<SenderAuthenticatedMessage<PrivateMessage>>(item, "sender_authenticated_private_message",
                                                                  check);
    expect_round_trip<AnnotatedWelcome>(item, "annotated_welcome", check);
    expect_round_trip<AnnotatedCommit>(item, "annotated_commit", check);
  });
}

}  // namespace conclave::vectors
