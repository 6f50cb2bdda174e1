// Writes one genuine message per KEM and mode into the directory given, in
// hpke_open_fuzz's input format, so the fuzzer starts past the KEM.

#include <cstdio>
#include <fstream>
#include <string>

#include "hpke_fuzz_setup.hpp"

int main(int argc, char** argv) {
  using namespace conclave;
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_hpke_seeds DIR\n");
    return 2;
  }
  crypto::DeterministicRandom random(as_bytes("hpke seeds"));
  const BytesView aad = as_bytes("aad");
  for (std::uint8_t selector = 0; selector < 5; ++selector) {
    const auto& party = fuzz::party_for(selector);
    for (std::uint8_t mode = 0; mode < 4; ++mode) {
      crypto::HpkeSenderOptions options{.info = fuzz::info()};
      if (mode & 1) options.psk = fuzz::psk();
      if (mode & 2) options.sender_key = &party.sender;
      auto sealed = party.hpke.seal(party.recipient.public_key, options, aad,
                                    as_bytes("a media key"), random);
      if (!sealed) return 1;
      Bytes seed{selector, mode, static_cast<std::uint8_t>(sealed->enc.size())};
      seed.insert(seed.end(), sealed->enc.begin(), sealed->enc.end());
      seed.push_back(static_cast<std::uint8_t>(aad.size()));
      seed.insert(seed.end(), aad.begin(), aad.end());
      seed.insert(seed.end(), sealed->ciphertext.begin(), sealed->ciphertext.end());
      const std::string path =
          std::string(argv[1]) + "/seed-" + std::to_string(selector) + "-" + std::to_string(mode);
      std::ofstream(path, std::ios::binary)
          .write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
    }
  }
  return 0;
}
