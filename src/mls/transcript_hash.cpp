#include "conclave/mls/transcript_hash.hpp"

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::mls {

namespace {

// Section 8.2.
struct InterimTranscriptHashInput {
  BytesView confirmation_tag;
  CONCLAVE_FIELDS(confirmation_tag)
};

}  // namespace

Bytes confirmed_transcript_hash(const CipherSuite& suite, BytesView interim_before,
                                BytesView confirmed_hash_input) {
  return suite.hash(concat({interim_before, confirmed_hash_input}));
}

Bytes interim_transcript_hash(const CipherSuite& suite, BytesView confirmed,
                              BytesView confirmation_tag) {
  return suite.hash(
      concat({confirmed, codec::encode(InterimTranscriptHashInput{confirmation_tag})}));
}

// Sections 5.1 and 17.1: every cipher suite's MAC is HMAC over its hash.
Bytes confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                       BytesView confirmed_transcript_hash) {
  return crypto::hmac(suite.hash_id(), confirmation_key, confirmed_transcript_hash);
}

// Section 12.4.2: a receiver recomputes the tag and checks it matches.
Status verify_confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                               BytesView confirmed_transcript_hash, BytesView tag) {
  const Bytes expected = confirmation_tag(suite, confirmation_key, confirmed_transcript_hash);
  if (!crypto::constant_time_equal(expected, tag)) return Errc::confirmation_tag_invalid;
  return {};
}

}  // namespace conclave::mls
