// Feeds arbitrary bytes, decoded as an MLSMessage, to carol, a member of
// the fixed group of group_fuzz_setup.hpp. Every input meets carol in the
// same state. An input she rejects must leave that state exactly as it was,
// byte for byte (RFC 9420 section 12.4.2: a failed Commit changes nothing;
// the same holds for every message), else the target traps; one she
// accepts (a genuine seed: the fuzzer cannot forge a signature) is undone
// by restoring her state.

#include <cstdint>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/message.hpp"
#include "decode_budget.hpp"
#include "group_fuzz_setup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  auto message = fuzz::decode_within_budget(size, [&] {
    return codec::decode<mls::MlsMessage>(BytesView(data, size), fuzz::fuzz_limits);
  });
  if (!message) return 0;
  static const fuzz::GroupFuzzSetup setup = fuzz::make_group_fuzz_setup();
  static mls::Group carol = setup.carol();
  if (carol.process(*message)) {
    carol = setup.carol();
    return 0;
  }
  auto stored = carol.serialize();
  if (!stored || !(*stored == setup.carol_state)) __builtin_trap();
  return 0;
}
