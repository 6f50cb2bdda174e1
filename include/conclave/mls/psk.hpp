#pragma once

/// @file
/// RFC 9420 section 8.4: pre-shared key identifiers.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/components.hpp"

namespace conclave::mls {

/// Section 8.4: PSKType, the kind of a pre-shared key: `external` (a secret
/// the application distributed out of band), `resumption` (the
/// resumption_psk of some epoch of a group, section 8.6) or, from
/// draft-ietf-mls-extensions "Pre-Shared Keys", `application` (a component's
/// PSK, domain-separated by its ComponentID).
enum class PskType : std::uint8_t { external = 1, resumption = 2, application = 3 };

/// Section 8.4: ResumptionPSKUsage, what a resumption PSK is injected for:
/// `application` (any use within a group), `reinit` (the first Commit of a
/// group made by reinitialization, section 11.2) or `branch` (the first
/// Commit of a subgroup, section 11.3).
enum class ResumptionPskUsage : std::uint8_t { application = 1, reinit = 2, branch = 3 };

/// The identifier of an external PSK.
struct ExternalPskId {
  static constexpr PskType tag = PskType::external;  ///< Selects this case in PreSharedKeyId.
  Bytes psk_id;  ///< The application's name for the PSK.
  CONCLAVE_FIELDS(psk_id)
  /// Memberwise equality.
  friend bool operator==(const ExternalPskId&, const ExternalPskId&) = default;
};

/// The identifier of a resumption PSK: a group and one of its epochs.
struct ResumptionPskId {
  static constexpr PskType tag = PskType::resumption;  ///< Selects this case in PreSharedKeyId.
  ResumptionPskUsage usage{};  ///< What the PSK is injected for.
  Bytes psk_group_id;          ///< The group whose resumption_psk it is.
  std::uint64_t psk_epoch = 0; ///< The epoch of that group it comes from.
  CONCLAVE_FIELDS(usage, psk_group_id, psk_epoch)
  /// Memberwise equality.
  friend bool operator==(const ResumptionPskId&, const ResumptionPskId&) = default;
};

/// draft-ietf-mls-extensions, "Pre-Shared Keys": the identifier of a
/// component's PSK. The group finds its value through GroupConfig::psks,
/// keyed by both fields, and validates it as an external PSK (RFC 9420
/// section 12.1.4).
struct ApplicationPskId {
  static constexpr PskType tag = PskType::application;  ///< Selects this case in PreSharedKeyId.
  ComponentId component_id{};  ///< The component the PSK belongs to.
  Bytes psk_id;                ///< The component's name for the PSK.
  CONCLAVE_FIELDS(component_id, psk_id)
  /// Memberwise equality.
  friend bool operator==(const ApplicationPskId&, const ApplicationPskId&) = default;
};

/// Section 8.4: PreSharedKeyID, which PSK is meant, plus a fresh nonce.
struct PreSharedKeyId {
  /// The external, resumption or application ID.
  codec::Select<PskType, ExternalPskId, ResumptionPskId, ApplicationPskId> psk;
  Bytes psk_nonce;  ///< KDF.Nh fresh random bytes chosen by the proposer.
  CONCLAVE_FIELDS(psk, psk_nonce)
  /// Memberwise equality.
  friend bool operator==(const PreSharedKeyId&, const PreSharedKeyId&) = default;
};

/// The input to the PSK secret's KDF for the PSK at `index` of `count`.
struct PskLabel {
  PreSharedKeyId id;        ///< The PSK this label is for.
  std::uint16_t index = 0;  ///< Its position in the list of injected PSKs.
  std::uint16_t count = 0;  ///< How many PSKs are injected in all.
  CONCLAVE_FIELDS(id, index, count)
};

}  // namespace conclave::mls
