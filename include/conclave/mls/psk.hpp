#pragma once

// RFC 9420 section 8.4: pre-shared key identifiers.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"

namespace conclave::mls {

enum class PskType : std::uint8_t { external = 1, resumption = 2 };

enum class ResumptionPskUsage : std::uint8_t { application = 1, reinit = 2, branch = 3 };

struct ExternalPskId {
  static constexpr PskType tag = PskType::external;
  Bytes psk_id;
  CONCLAVE_FIELDS(psk_id)
  friend bool operator==(const ExternalPskId&, const ExternalPskId&) = default;
};

struct ResumptionPskId {
  static constexpr PskType tag = PskType::resumption;
  ResumptionPskUsage usage{};
  Bytes psk_group_id;
  std::uint64_t psk_epoch = 0;
  CONCLAVE_FIELDS(usage, psk_group_id, psk_epoch)
  friend bool operator==(const ResumptionPskId&, const ResumptionPskId&) = default;
};

struct PreSharedKeyId {
  codec::Select<PskType, ExternalPskId, ResumptionPskId> psk;
  Bytes psk_nonce;
  CONCLAVE_FIELDS(psk, psk_nonce)
  friend bool operator==(const PreSharedKeyId&, const PreSharedKeyId&) = default;
};

// The input to the PSK secret's KDF for the PSK at `index` of `count`.
struct PskLabel {
  PreSharedKeyId id;
  std::uint16_t index = 0;
  std::uint16_t count = 0;
  CONCLAVE_FIELDS(id, index, count)
};

}  // namespace conclave::mls
