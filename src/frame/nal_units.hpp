#pragma once

// H.264 and H.265 Annex B byte streams as LiveKit's frame encryption reads
// them: where the first slice NAL unit starts, RBSP emulation prevention
// (ITU-T H.264 section 7.4.1), and the 4-byte start-code form of a header.
// Private to the library.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "conclave/bytes.hpp"

namespace conclave::frame::nal {

enum class Syntax { h264, h265 };

// The clear header of a frame: everything up to and including the first
// slice NAL unit's header byte and one byte more. None when the stream has
// bytes other than zeros before its first start code, or no slice.
std::optional<std::size_t> slice_header_end(Syntax syntax, BytesView frame) noexcept;

// Emulation prevention: 0x03 goes before any byte <= 3 that follows two
// zeros. Writes forward from `out`, which may lie before `in` in the same
// buffer as long as it stays at least in.size() / 2 + 1 bytes ahead of it.
std::size_t escape(BytesView in, std::uint8_t* out) noexcept;
// The size escape() would write.
std::size_t escaped_size(BytesView in) noexcept;
// Removes the 0x03 of every 00 00 03; `out` may be `in` itself.
std::size_t unescape(BytesView in, std::uint8_t* out) noexcept;

// Rewrites each 3-byte start code 00 00 01 as 00 00 00 01.
std::size_t normalized_size(BytesView header) noexcept;
void normalize_start_codes(BytesView header, std::uint8_t* out) noexcept;

}  // namespace conclave::frame::nal
