#include "nal_units.hpp"

namespace conclave::frame::nal {

namespace {

bool is_slice(Syntax syntax, std::uint8_t nal_header) noexcept {
  if (syntax == Syntax::h264) {
    const unsigned type = nal_header & 0x1fu;
    return type == 1 || type == 5;  // non-IDR and IDR coded slices
  }
  const unsigned type = (nal_header >> 1) & 0x3fu;
  return type <= 9 || (type >= 16 && type <= 21);  // VCL types other than the reserved ones
}

bool three_byte_code(BytesView s, std::size_t at) noexcept {
  return s[at] == 0 && s[at + 1] == 0 && s[at + 2] == 1;
}

bool four_byte_code(BytesView s, std::size_t at) noexcept {
  return s[at] == 0 && three_byte_code(s, at + 1);
}

// Start codes are looked for only where a whole one and a NAL header byte
// fit before the end: below `limit` = size - 3.
std::size_t next_start_code(BytesView s, std::size_t pos, std::size_t limit) noexcept {
  for (; pos < limit; ++pos) {
    if ((pos + 1 < limit && four_byte_code(s, pos)) || three_byte_code(s, pos)) return pos;
  }
  return s.size();
}

}  // namespace

std::optional<std::size_t> slice_header_end(Syntax syntax, BytesView frame) noexcept {
  if (frame.size() <= 3) return std::nullopt;
  const std::size_t limit = frame.size() - 3;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < limit) {
    pos = next_start_code(frame, pos, limit);
    std::size_t end = pos;
    while (end > start && frame[end - 1] == 0) --end;
    if (start == 0) {
      if (end != 0) return std::nullopt;  // leading bytes before the first start code
    } else if (is_slice(syntax, frame[start])) {
      return start + 2;
    }
    if (pos >= frame.size()) break;
    pos += pos < limit && four_byte_code(frame, pos) ? 4u : 3u;
    start = pos;
  }
  return std::nullopt;
}

std::size_t escape(BytesView in, std::uint8_t* out) noexcept {
  std::uint8_t* const begin = out;
  unsigned zeros = 0;
  for (const std::uint8_t byte : in) {
    if (zeros >= 2 && byte <= 3) {
      *out++ = 3;
      zeros = 0;
    }
    *out++ = byte;
    zeros = byte == 0 ? zeros + 1 : 0;
  }
  return static_cast<std::size_t>(out - begin);
}

std::size_t unescape(BytesView in, std::uint8_t* out) noexcept {
  std::size_t written = 0;
  for (std::size_t i = 0; i < in.size();) {
    if (i + 2 < in.size() && in[i] == 0 && in[i + 1] == 0 && in[i + 2] == 3) {
      out[written++] = 0;
      out[written++] = 0;
      i += 3;
    } else {
      out[written++] = in[i++];
    }
  }
  return written;
}

std::size_t normalized_size(BytesView header) noexcept {
  std::size_t size = header.size();
  for (std::size_t i = 0; i + 2 < header.size(); ++i) {
    if (three_byte_code(header, i) && (i == 0 || header[i - 1] != 0)) ++size;
  }
  return size;
}

void normalize_start_codes(BytesView header, std::uint8_t* out) noexcept {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i + 2 < header.size() && three_byte_code(header, i) && (i == 0 || header[i - 1] != 0)) {
      *out++ = 0;
    }
    *out++ = header[i];
  }
}

}  // namespace conclave::frame::nal
