#pragma once

// What the MLS and storage functions of the C API share: settings from a
// conclave_group_config, MLSMessages decoded from bytes, KeyPackages spent
// only when a group took them, and new groups handed to the caller.

#include <memory>
#include <optional>

#include "capi/boundary.hpp"
#include "capi/mls_objects.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave_capi {

/// A conclave_group_config as the C++ API takes it: the GroupConfig, whose
/// PskLookup reads `psks`, which the group object keeps.
struct GroupSettings {
  conclave::mls::GroupConfig config;
  std::shared_ptr<ExternalPsks> psks;
};

/// The settings `config` gives (NULL: the defaults); none when a pointer in
/// it is NULL with a non-zero size.
std::optional<GroupSettings> settings_of(const conclave_group_config* config);

/// The body of type T of the MLSMessage `bytes` encode.
/// @errors the decoding errors; `Errc::content_not_allowed` for another body.
/// Hidden: its name demangles as "conclave::Result<T> conclave_capi::...",
/// which src/conclave.map's `conclave::*` would otherwise export.
template <class T>
[[gnu::visibility("hidden")]] conclave::Result<T> decode_body(conclave::BytesView bytes) {
  auto message = conclave::codec::decode<conclave::mls::MlsMessage>(bytes);
  if (!message.ok()) return message.error();
  auto* body = message->body.get_if<T>();
  if (body == nullptr) return conclave::Errc::content_not_allowed;
  return std::move(*body);
}

/// The ratchet tree a joiner was given: none for no bytes.
/// @errors the decoding errors.
conclave::Result<std::optional<conclave::mls::RatchetTreeNodes>> decode_tree(conclave::BytesView bytes);

/// RFC 9420 section 12.1.4: a PreSharedKey proposal of the external PSK
/// `psk_id`, with a fresh nonce of the group's KDF.Nh bytes.
conclave::mls::Proposal external_psk_proposal(const conclave::mls::Group& group, conclave::BytesView psk_id);

/// The encoding of `message` in the (checked, empty) `out`.
conclave_status give_message(conclave_buffer* out, const conclave::mls::MlsMessage& message);

/// An unspent KeyPackage's bundle; null for a spent one.
const conclave::mls::KeyPackageBundle* bundle_of(const KeyPackageObject& key_package) noexcept;
/// A copy of `bundle` for a C++ call that takes it, so that a failed call
/// leaves the KeyPackage unspent.
conclave::mls::KeyPackageBundle copy_of(const conclave::mls::KeyPackageBundle& bundle);

/// A handle owning `group` (made with `settings`, kept in `store` if set);
/// null when the handle table is full.
conclave_group* group_handle(conclave::mls::Group group, GroupSettings settings,
                             std::shared_ptr<conclave::storage::Store> store);
/// Hands `group` to the caller as `*out` (group_handle()), or returns its error.
conclave_status give_group(conclave::Result<conclave::mls::Group> group, GroupSettings settings,
                           std::shared_ptr<conclave::storage::Store> store, conclave_group** out);

}  // namespace conclave_capi
