#include "conclave/frame/sframe_header.hpp"

#include <bit>

namespace conclave::frame {

namespace {

constexpr std::uint64_t inline_limit = 8;  // values 0 to 7 live in the config byte

// Bytes of the big-endian value after the config byte: 0 when inline.
std::size_t field_size(std::uint64_t value) noexcept {
  if (value < inline_limit) return 0;
  return static_cast<std::size_t>((std::bit_width(value) + 7) / 8);
}

// The 4-bit half of the config byte: X|K or Y|C.
std::uint8_t config_half(std::uint64_t value, std::size_t size) noexcept {
  if (size == 0) return static_cast<std::uint8_t>(value);
  return static_cast<std::uint8_t>(0x8 | (size - 1));
}

std::uint8_t* put_field(std::uint64_t value, std::size_t size, std::uint8_t* out) noexcept {
  for (std::size_t i = size; i > 0; --i) *out++ = static_cast<std::uint8_t>(value >> (8 * (i - 1)));
  return out;
}

struct FieldReader {
  BytesView frame;
  std::size_t offset = 1;

  // Reads the field a config half describes.
  Result<std::uint64_t> read(std::uint8_t half) noexcept {
    if ((half & 0x8) == 0) return std::uint64_t{half};
    const std::size_t size = std::size_t{half & 0x7u} + 1;
    if (frame.size() - offset < size) return Errc::truncated;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i) value = (value << 8) | frame[offset + i];
    offset += size;
    if (field_size(value) != size) return Errc::non_minimal_header;
    return value;
  }
};

}  // namespace

std::size_t sframe_header_size(SFrameHeader header) noexcept {
  return 1 + field_size(header.kid) + field_size(header.ctr);
}

Result<std::size_t> encode_sframe_header(SFrameHeader header, MutableBytesView out) noexcept {
  const std::size_t kid_size = field_size(header.kid);
  const std::size_t ctr_size = field_size(header.ctr);
  if (out.size() < 1 + kid_size + ctr_size) return Errc::buffer_too_small;
  out[0] = static_cast<std::uint8_t>(config_half(header.kid, kid_size) << 4 |
                                     config_half(header.ctr, ctr_size));
  put_field(header.ctr, ctr_size, put_field(header.kid, kid_size, out.data() + 1));
  return 1 + kid_size + ctr_size;
}

Result<DecodedSFrameHeader> decode_sframe_header(BytesView frame) noexcept {
  if (frame.empty()) return Errc::truncated;
  FieldReader reader{frame};
  const auto kid = reader.read(static_cast<std::uint8_t>(frame[0] >> 4));
  if (!kid) return kid.error();
  const auto ctr = reader.read(static_cast<std::uint8_t>(frame[0] & 0x0f));
  if (!ctr) return ctr.error();
  return DecodedSFrameHeader{{*kid, *ctr}, reader.offset};
}

}  // namespace conclave::frame
