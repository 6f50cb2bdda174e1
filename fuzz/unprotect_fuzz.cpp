// Unprotects arbitrary bytes, decoded as an MLSMessage, against a fixed
// group context and epoch secrets. Whatever the input, the result is
// content or a typed error.

#include <cstdint>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/message.hpp"
#include "decode_budget.hpp"
#include "protection_fuzz_setup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  auto message = fuzz::decode_within_budget(size, [&] {
    return codec::decode<mls::MlsMessage>(BytesView(data, size), fuzz::fuzz_limits);
  });
  if (!message) return 0;
  auto protection = fuzz::protection_party().protection();
  if (const auto* pub = message->body.get_if<mls::PublicMessage>()) {
    (void)protection.unprotect(*pub);
  } else if (const auto* priv = message->body.get_if<mls::PrivateMessage>()) {
    (void)protection.unprotect(*priv);
  }
  return 0;
}
