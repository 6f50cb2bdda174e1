// Decodes arbitrary bytes as an MLSMessage. Whatever decodes must re-encode
// to exactly the input (the encoding is canonical), and the re-encoding must
// decode to an equal value: decode(encode(x)) == x. The decode keeps within
// its memory budget (decode_budget.hpp).

#include <cstdint>
#include <cstdlib>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/message.hpp"
#include "decode_budget.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  const BytesView input(data, size);
  auto decoded = fuzz::decode_within_budget(
      size, [&] { return codec::decode<mls::MlsMessage>(input, fuzz::fuzz_limits); });
  if (!decoded) return 0;
  const Bytes encoded = codec::encode(*decoded);
  if (encoded.size() != size || !std::equal(encoded.begin(), encoded.end(), data)) std::abort();
  auto again = codec::decode<mls::MlsMessage>(encoded, fuzz::fuzz_limits);
  if (!again || !(*again == *decoded)) std::abort();
  return 0;
}
