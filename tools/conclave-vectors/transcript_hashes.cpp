// transcript-hashes.json (mls-implementations): RFC 9420 section 8.2, from
// an AuthenticatedContent carrying a commit.

#include "check.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/transcript_hash.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  auto content = codec::decode<AuthenticatedContent>(hex_field(v, "authenticated_content"));
  check.expect(suite.ok() && content.ok(), "suite or authenticated_content");
  if (!suite || !content) return;
  check.expect(content->auth.confirmation_tag.has_value(), "no confirmation tag");
  if (!content->auth.confirmation_tag) return;
  const Bytes confirmed = confirmed_transcript_hash(*suite, hex_field(v, "interim_transcript_hash_before"),
                                                    confirmed_transcript_hash_input(*content));
  check.expect_equal(confirmed, hex_field(v, "confirmed_transcript_hash_after"),
                     "confirmed_transcript_hash_after");
  check.expect(verify_confirmation_tag(*suite, hex_field(v, "confirmation_key"), confirmed,
                                       *content->auth.confirmation_tag)
                   .ok(),
               "confirmation tag");
  check.expect_equal(interim_transcript_hash(*suite, confirmed, *content->auth.confirmation_tag),
                     hex_field(v, "interim_transcript_hash_after"), "interim_transcript_hash_after");
}

}  // namespace

Tally check_transcript_hashes(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
