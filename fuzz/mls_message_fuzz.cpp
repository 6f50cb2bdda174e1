// Decodes arbitrary bytes as an MLSMessage. Whatever decodes must re-encode
// to exactly the input (the encoding is canonical), and the re-encoding must
// decode to an equal value: decode(encode(x)) == x.

#include <cstdint>
#include <cstdlib>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  const BytesView input(data, size);
  auto decoded = codec::decode<mls::MlsMessage>(input, codec::Limits{.max_vector_length = 1 << 16});
  if (!decoded) return 0;
  const Bytes encoded = codec::encode(*decoded);
  if (encoded.size() != size || !std::equal(encoded.begin(), encoded.end(), data)) std::abort();
  auto again = codec::decode<mls::MlsMessage>(encoded);
  if (!again || !(*again == *decoded)) std::abort();
  return 0;
}
