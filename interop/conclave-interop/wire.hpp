#pragma once

// The proto's bytes fields and Conclave's values: MLSMessages, ratchet
// trees, KeyPackages and members found by identity.

#include <cstdint>
#include <optional>
#include <string>

#include "conclave/bytes.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::interop {

inline BytesView view(const std::string& bytes) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}
inline Bytes to_bytes(const std::string& bytes) {
  const auto span = view(bytes);
  return {span.begin(), span.end()};
}
inline std::string to_string(BytesView bytes) { return {bytes.begin(), bytes.end()}; }

std::string encode_message(const mls::MlsMessage& message);
mls::MlsMessage decode_message(const std::string& bytes, std::string_view what);

// The body of an MLSMessage that must be of type T (a Welcome, say).
template <class T>
T decode_body(const std::string& bytes, std::string_view what);

// An empty field means no tree out of band.
std::optional<mls::RatchetTreeNodes> decode_tree(const std::string& bytes);
// The tree a GroupInfo comes with: out of band, or its ratchet_tree extension.
mls::RatchetTree tree_of(const mls::GroupInfo& info, const std::string& out_of_band);

// The private-use GroupContext extension the runner's scenarios set, which
// every client's leaves support (spec-notes/interop.md).
inline constexpr auto interop_extension_type = static_cast<mls::ExtensionType>(0xFF00);

mls::CipherSuite find_suite(std::uint32_t id);
// A KeyPackage for a BasicCredential of `identity`, with fresh keys,
// supporting the interop extension and both credential types.
mls::KeyPackageBundle new_key_package(const mls::CipherSuite& suite, const std::string& identity);
// The private keys the proto returns with a KeyPackage.
void answer_private_keys(const mls::KeyPackageKeys& keys, auto& response) {
  response.set_init_priv(to_string(keys.init_private_key.view()));
  response.set_encryption_priv(to_string(keys.encryption_private_key.view()));
  response.set_signature_priv(to_string(keys.signature_private_key.view()));
}

mls::KeyPackageBundle clone(const mls::KeyPackageBundle& bundle);
// The leaf whose BasicCredential is `identity`; NOT_FOUND when none is.
mls::LeafIndex leaf_of_identity(const mls::RatchetTree& tree, const std::string& identity);

// The identity in this member's own BasicCredential.
std::string own_identity(const mls::Group& group);

}  // namespace conclave::interop
