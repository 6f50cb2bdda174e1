#pragma once

/// @file
/// RFC 9605 section 4.3: the SFrame header, a config byte followed by the
/// key ID (KID) and counter (CTR) as compact big-endian integers.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::frame {

/// The values an SFrame header carries (RFC 9605 section 4.3).
struct SFrameHeader {
  std::uint64_t kid = 0;  ///< The key ID (KID).
  std::uint64_t ctr = 0;  ///< The counter (CTR).
  /// Equal when both KID and CTR are.
  friend constexpr bool operator==(SFrameHeader, SFrameHeader) = default;
};

/// The config byte and eight bytes each for KID and CTR.
inline constexpr std::size_t max_sframe_header_size = 17;

/// The encoded size of a header: 1 to 17 bytes.
std::size_t sframe_header_size(SFrameHeader header) noexcept;

/// Writes the shortest encoding into `out`; returns its size.
/// @errors `Errc::buffer_too_small` when `out` is shorter than
/// sframe_header_size(header).
Result<std::size_t> encode_sframe_header(SFrameHeader header, MutableBytesView out) noexcept;

/// A header read from the start of a frame.
struct DecodedSFrameHeader {
  SFrameHeader header;   ///< The KID and CTR.
  std::size_t size = 0;  ///< Bytes of `frame` the header took.
};

/// Reads the header at the start of `frame`.
/// @errors `Errc::truncated` for a frame that ends within the header;
/// `Errc::non_minimal_header` for a value that is not in its shortest form
/// (the section 4.3 MUST on encoders, enforced on receipt so that each (KID,
/// CTR) has exactly one header).
Result<DecodedSFrameHeader> decode_sframe_header(BytesView frame) noexcept;

}  // namespace conclave::frame
