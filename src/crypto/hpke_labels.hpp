#pragma once

#include <cstddef>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/kdf.hpp"

namespace conclave::crypto {

// RFC 9180 section 4: LabeledExtract and LabeledExpand, bound to a suite_id
// ("KEM" | kem_id for DHKEM, "HPKE" | kem | kdf | aead for the schedule).
Secret labeled_extract(const Kdf& kdf, BytesView suite_id, BytesView salt, std::string_view label,
                       BytesView ikm);
Result<Secret> labeled_expand(const Kdf& kdf, BytesView suite_id, BytesView prk,
                              std::string_view label, BytesView info, std::size_t length);

}  // namespace conclave::crypto
