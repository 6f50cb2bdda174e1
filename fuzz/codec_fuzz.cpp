// Decodes arbitrary bytes as a structure that uses every TLS presentation
// language form. A decode must never crash, and whatever decodes must
// re-encode to exactly the input: the encoding is canonical (minimal
// varints, presence octets of 0 or 1). The decode keeps within its memory
// budget (decode_budget.hpp).

#include <cstdint>
#include <cstdlib>

#include "conclave/codec/codec.hpp"
#include "decode_budget.hpp"

namespace {

using namespace conclave;

enum class Kind : std::uint8_t { number = 1, blob = 2 };

struct NumberCase {
  static constexpr Kind tag = Kind::number;
  std::uint64_t value = 0;
  CONCLAVE_FIELDS(value)
};

struct BlobCase {
  static constexpr Kind tag = Kind::blob;
  std::vector<Bytes> blobs;
  CONCLAVE_FIELDS(blobs)
};

struct Inner {
  std::uint16_t id = 0;
  std::optional<Bytes> note;
  CONCLAVE_FIELDS(id, note)
};

struct Everything {
  std::uint8_t version = 0;
  std::array<std::uint8_t, 4> magic{};
  BytesView borrowed;
  std::vector<Inner> inners;
  codec::Select<Kind, NumberCase, BlobCase> choice;
  std::uint32_t trailer = 0;
  CONCLAVE_FIELDS(version, magic, borrowed, inners, choice, trailer)
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const BytesView input(data, size);
  auto decoded = fuzz::decode_within_budget(
      size, [&] { return codec::decode<Everything>(input, fuzz::fuzz_limits); });
  if (!decoded) return 0;
  const Bytes encoded = codec::encode(*decoded);
  if (encoded.size() != size || !std::equal(encoded.begin(), encoded.end(), data)) std::abort();
  return 0;
}
