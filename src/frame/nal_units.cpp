#include "nal_units.hpp"

#include <cstring>

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

// Bytes from `at` up to the next zero (or the end) pass unchanged: only
// zeros start a pattern. Overlapping copies move forward, so memmove.
std::size_t zero_distance(BytesView in, std::size_t at) noexcept {
  const void* zero = std::memchr(in.data() + at, 0, in.size() - at);
  return zero ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(zero) - (in.data() + at))
              : in.size() - at;
}

}  // namespace

// LiveKit's scan lists a NAL unit when it finds the next start code (or the
// end); it lists exactly those whose first byte lies below `limit`, in
// order, so each can be judged as soon as its start code is found, without
// reading on through the slice data.
std::optional<std::size_t> slice_header_end(Syntax syntax, BytesView frame) noexcept {
  if (frame.size() <= 3) return std::nullopt;
  const std::size_t limit = frame.size() - 3;
  std::size_t pos = next_start_code(frame, 0, limit);
  if (pos >= frame.size()) return std::nullopt;
  for (std::size_t i = 0; i < pos; ++i) {
    if (frame[i] != 0) return std::nullopt;  // leading bytes before the first start code
  }
  while (true) {
    const std::size_t start = pos + (four_byte_code(frame, pos) ? 4 : 3);
    if (start >= limit) return std::nullopt;
    if (is_slice(syntax, frame[start])) return start + 2;
    pos = next_start_code(frame, start, limit);
    if (pos >= frame.size()) return std::nullopt;
  }
}

namespace {

// One pass of emulation prevention; with Write false it only counts the
// output (frames whose ciphertext needs no insertion, nearly all of them,
// are then left where they are).
template <bool Write>
std::size_t escape_pass(BytesView in, std::uint8_t* out) noexcept {
  std::size_t read = 0;
  std::size_t written = 0;
  unsigned zeros = 0;
  while (read < in.size()) {
    if (zeros == 0) {
      const std::size_t run = zero_distance(in, read);
      if constexpr (Write) std::memmove(out + written, in.data() + read, run);
      read += run;
      written += run;
      if (read == in.size()) break;
    }
    const std::uint8_t byte = in[read++];
    if (zeros >= 2 && byte <= 3) {
      if constexpr (Write) out[written] = 3;
      ++written;
      zeros = 0;
    }
    if constexpr (Write) out[written] = byte;
    ++written;
    zeros = byte == 0 ? zeros + 1 : 0;
  }
  return written;
}

}  // namespace

std::size_t escape(BytesView in, std::uint8_t* out) noexcept { return escape_pass<true>(in, out); }

std::size_t escaped_size(BytesView in) noexcept { return escape_pass<false>(in, nullptr); }

std::size_t unescape(BytesView in, std::uint8_t* out) noexcept {
  std::size_t read = 0;
  std::size_t written = 0;
  while (read < in.size()) {
    const std::size_t run = zero_distance(in, read);
    std::memmove(out + written, in.data() + read, run);
    read += run;
    written += run;
    if (read == in.size()) break;
    if (read + 2 < in.size() && in[read + 1] == 0 && in[read + 2] == 3) {
      out[written++] = 0;
      out[written++] = 0;
      read += 3;
    } else {
      out[written++] = in[read++];
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
