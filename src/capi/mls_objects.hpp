#pragma once

// The C++ objects behind the C API's MLS and storage handles, shared by the
// areas that take them as arguments (frames and meetings read a group).

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "conclave.h"
#include "capi/handle_table.hpp"
#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/storage/store.hpp"

namespace conclave_capi {

/// A KeyPackage and its private keys; empty once a group took them (spent).
struct KeyPackageObject {
  std::optional<conclave::mls::KeyPackageBundle> bundle;
};

/// A store (its calls serialized), shared with every group kept in it so that it outlives them.
struct StoreObject {
  std::shared_ptr<conclave::storage::Store> store;
};

/// Byte order (memcmp, then the shorter first), with lookups by BytesView.
struct ByteOrder {
  using is_transparent = void;
  bool operator()(conclave::BytesView a, conclave::BytesView b) const noexcept {
    const std::size_t common = std::min(a.size(), b.size());
    const int order = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
    return order != 0 ? order < 0 : a.size() < b.size();
  }
};

/// The external PSKs a group's PskLookup reads, by PSK ID.
using ExternalPsks = std::map<conclave::Bytes, conclave::crypto::Secret, ByteOrder>;

/// A group, the external PSKs its lookup reads, and the store it is kept in.
struct GroupObject {
  conclave::mls::Group group;
  std::shared_ptr<ExternalPsks> psks;
  std::shared_ptr<conclave::storage::Store> store;
  bool unusable = false;  ///< an exception left it possibly half changed (ChangeScope)
};

}  // namespace conclave_capi

/// @cond internal
struct conclave_key_package;
struct conclave_group;
struct conclave_store;
/// @endcond

namespace conclave_capi {
template <>
struct HandleTraits<conclave_key_package> {
  static constexpr Kind kind = Kind::key_package;
  using Object = KeyPackageObject;
};
template <>
struct HandleTraits<conclave_group> {
  static constexpr Kind kind = Kind::group;
  using Object = GroupObject;
};
template <>
struct HandleTraits<conclave_store> {
  static constexpr Kind kind = Kind::store;
  using Object = StoreObject;
};
}  // namespace conclave_capi
