#pragma once

// RFC 9420 section 8.2: the transcript hashes, and the confirmation tag over
// the confirmed transcript hash (section 6.1), as functions over encodings.

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"

namespace conclave::mls {

// confirmed_transcript_hash_[epoch] = Hash(interim_transcript_hash_[epoch - 1]
// || ConfirmedTranscriptHashInput_[epoch]); the input is given encoded.
Bytes confirmed_transcript_hash(const CipherSuite& suite, BytesView interim_before,
                                BytesView confirmed_hash_input);

// interim_transcript_hash_[epoch] = Hash(confirmed_transcript_hash_[epoch] ||
// InterimTranscriptHashInput_[epoch]), the input built from the tag.
Bytes interim_transcript_hash(const CipherSuite& suite, BytesView confirmed,
                              BytesView confirmation_tag);

// Section 6.1: confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash).
Bytes confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                       BytesView confirmed_transcript_hash);

// Recomputes the tag and compares it in constant time; a mismatch fails
// with confirmation_tag_invalid.
Status verify_confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                               BytesView confirmed_transcript_hash, BytesView tag);

}  // namespace conclave::mls
