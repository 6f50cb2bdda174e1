#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"

namespace conclave::crypto {

enum class HashId : std::uint8_t { sha1, sha256, sha384, sha512 };

std::size_t digest_size(HashId hash) noexcept;

Bytes hash(HashId hash, BytesView data);
Bytes hmac(HashId hash, BytesView key, BytesView data);

}  // namespace conclave::crypto
