#pragma once

/// @file
/// RFC 9420 section 8.2: the transcript hashes, and the confirmation tag over
/// the confirmed transcript hash (section 6.1), as functions over encodings.

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"

namespace conclave::mls {

/// RFC 9420 section 8.2: confirmed_transcript_hash_[epoch] =
/// Hash(interim_transcript_hash_[epoch - 1] || ConfirmedTranscriptHashInput_[epoch]);
/// the input is given encoded.
/// @param suite The group's cipher suite, whose hash is used.
/// @param interim_before The interim transcript hash of the previous epoch.
/// @param confirmed_hash_input The encoded ConfirmedTranscriptHashInput of
///   the Commit (see confirmed_transcript_hash_input()).
/// @return The new epoch's confirmed transcript hash.
Bytes confirmed_transcript_hash(const CipherSuite& suite, BytesView interim_before,
                                BytesView confirmed_hash_input);

/// RFC 9420 section 8.2: interim_transcript_hash_[epoch] =
/// Hash(confirmed_transcript_hash_[epoch] || InterimTranscriptHashInput_[epoch]),
/// the input built from the tag.
/// @param suite The group's cipher suite, whose hash is used.
/// @param confirmed The epoch's confirmed transcript hash.
/// @param confirmation_tag The confirmation tag of the Commit that started
///   the epoch.
/// @return The epoch's interim transcript hash.
Bytes interim_transcript_hash(const CipherSuite& suite, BytesView confirmed,
                              BytesView confirmation_tag);

/// RFC 9420 section 6.1: confirmation_tag =
/// MAC(confirmation_key, confirmed_transcript_hash), the MAC being HMAC over
/// the suite's hash.
Bytes confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                       BytesView confirmed_transcript_hash);

/// RFC 9420 section 12.4.2: recomputes the tag and compares it in constant time
/// with `tag`.
/// @errors `Errc::confirmation_tag_invalid` when `tag` is not the MAC of
/// `confirmed_transcript_hash` under `confirmation_key`.
Status verify_confirmation_tag(const CipherSuite& suite, BytesView confirmation_key,
                               BytesView confirmed_transcript_hash, BytesView tag);

}  // namespace conclave::mls
