// Opens arbitrary input as HPKE messages to a fixed recipient, in every mode
// and over every KEM. Input: suite byte, mode byte, then enc, aad and
// ciphertext, each prefixed by a one-byte length (the ciphertext takes the
// rest). Whatever the input, open gives a value or a typed error.

#include <cstdint>
#include <optional>

#include "hpke_fuzz_setup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  BytesView input(data, size);
  if (input.size() < 2) return 0;
  const auto& party = fuzz::party_for(input[0]);
  const std::uint8_t mode = input[1] & 3;
  input = input.subspan(2);
  auto take = [&input]() {
    if (input.empty()) return BytesView{};
    const std::size_t length = std::min<std::size_t>(input[0], input.size() - 1);
    const BytesView part = input.subspan(1, length);
    input = input.subspan(1 + length);
    return part;
  };
  const BytesView enc = take();
  const BytesView aad = take();
  const BytesView ciphertext = input;

  crypto::HpkeReceiverOptions options{.info = fuzz::info()};
  if (mode & 1) options.psk = fuzz::psk();
  if (mode & 2) options.sender_public_key = BytesView(party.sender.public_key);
  auto opened = party.hpke.open(enc, party.recipient, options, aad, ciphertext);
  (void)opened;
  return 0;
}
