#pragma once

/// @file
/// The code participants compare to know they share an epoch (RFC 9420
/// section 8.7's epoch_authenticator), in two forms: the whole
/// authenticator as hex in groups of four with the epoch number
/// ("Epoch 7: 3f2a 9c01 ..."), and a short decimal form (the first eight
/// bytes, big-endian, mod 10^12, as three groups of four digits) for
/// reading aloud.

#include <cstdint>
#include <string>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

/// One epoch's security code, in both forms.
struct SecurityCode {
  std::uint64_t epoch = 0;  ///< the epoch the code is for
  std::string hex_groups;  ///< "3f2a 9c01 ...": the whole authenticator, lowercase hex
  std::string decimal;     ///< "0123 4567 8901": twelve digits, leading zeros kept

  /// The code of `epoch` from its epoch_authenticator.
  /// @errors `Errc::invalid_length` for an authenticator shorter than 8 bytes.
  static Result<SecurityCode> of(std::uint64_t epoch, BytesView epoch_authenticator);
  /// The hex form with its epoch: `Epoch <n>: <hex groups>`, as in "Epoch 7: 3f2a 9c01 ...".
  std::string display() const { return "Epoch " + std::to_string(epoch) + ": " + hex_groups; }
};

}  // namespace conclave::meeting
