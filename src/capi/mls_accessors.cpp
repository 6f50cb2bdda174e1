// The C API's views of a group's state (include/conclave.h): epoch,
// members, exporter and epoch authenticator (RFC 9420 sections 8.5, 8.7),
// GroupInfo and ratchet tree (section 12.4.3).

#include <cstring>
#include <vector>

#include "capi/mls_support.hpp"

using namespace conclave_capi;
using conclave::mls::LeafIndex;

namespace {

// Runs `read` on the group behind a live `group` with a non-NULL `out`.
template <class Out, class Read>
conclave_status read_group(const conclave_group* group, Out* out, Read&& read) {
  return guard([&] {
    const auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (out == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    return read(object->group);
  });
}

// As read_group(), for an output buffer that must be empty.
template <class Read>
conclave_status read_into_buffer(const conclave_group* group, conclave_buffer* out, Read&& read) {
  return read_group(group, out, [&](const conclave::mls::Group& read_from) {
    if (!buffer_out_ok(out)) return CONCLAVE_E_INVALID_ARGUMENT;
    return read(read_from);
  });
}

std::vector<std::uint32_t> members_of(const conclave::mls::Group& group) {
  std::vector<std::uint32_t> leaves;
  const auto& tree = group.tree();
  for (std::uint32_t leaf = 0; leaf < tree.leaf_count().value(); ++leaf) {
    if (tree.is_member(LeafIndex{leaf})) leaves.push_back(leaf);
  }
  return leaves;
}

conclave::Bytes identity_of(const conclave::mls::Credential& credential) {
  if (const auto* basic = credential.get_if<conclave::mls::BasicCredential>()) return basic->identity;
  const auto* x509 = credential.get_if<conclave::mls::X509Credential>();
  if (x509 == nullptr || x509->certificates.empty()) return {};
  return x509->certificates.front().cert_data;
}

}  // namespace

extern "C" {

conclave_status conclave_group_epoch(const conclave_group* group, uint64_t* epoch) {
  return read_group(group, epoch, [&](const conclave::mls::Group& read) {
    *epoch = read.epoch();
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_own_leaf(const conclave_group* group, uint32_t* leaf) {
  return read_group(group, leaf, [&](const conclave::mls::Group& read) {
    *leaf = read.own_leaf().value;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_cipher_suite(const conclave_group* group, uint16_t* suite) {
  return read_group(group, suite, [&](const conclave::mls::Group& read) {
    *suite = static_cast<std::uint16_t>(read.suite().id());
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_id(const conclave_group* group, conclave_buffer* group_id) {
  return read_into_buffer(group, group_id, [&](const conclave::mls::Group& read) {
    return give(group_id, read.context().group_id);
  });
}

conclave_status conclave_group_epoch_authenticator(const conclave_group* group, uint8_t* out, size_t capacity,
                                                   size_t* written) {
  return guard([&] {
    const auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (out == nullptr && capacity != 0) return CONCLAVE_E_INVALID_ARGUMENT;
    return copy_out(object->group.epoch_authenticator(), out, capacity, written);
  });
}

conclave_status conclave_group_export_secret(const conclave_group* group, const char* label, const uint8_t* context,
                                             size_t context_size, uint8_t* out, size_t length) {
  return guard([&] {
    const auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto name = string_in(label);
    const auto bytes = bytes_in(context, context_size);
    if (!name || !bytes || (out == nullptr && length != 0)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto secret = object->group.export_secret(*name, *bytes, length);
    if (!secret.ok()) return status_of(secret.error());
    if (length != 0) std::memcpy(out, secret->view().data(), length);
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_members(const conclave_group* group, uint32_t* leaves, size_t capacity,
                                       size_t* count) {
  return read_group(group, count, [&](const conclave::mls::Group& read) {
    if (leaves == nullptr && capacity != 0) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto members = members_of(read);
    *count = members.size();
    if (capacity < members.size()) return CONCLAVE_E_BUFFER_TOO_SMALL;
    if (!members.empty()) std::memcpy(leaves, members.data(), members.size() * sizeof(std::uint32_t));
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_member_identity(const conclave_group* group, uint32_t leaf,
                                               conclave_buffer* identity) {
  return read_into_buffer(group, identity, [&](const conclave::mls::Group& read) {
    const auto node = read.tree().leaf(LeafIndex{leaf});
    if (!node) return CONCLAVE_E_INVALID_ARGUMENT;
    return give(identity, identity_of(node->credential));
  });
}

conclave_status conclave_group_info(const conclave_group* group, int with_tree, conclave_buffer* group_info) {
  return read_into_buffer(group, group_info, [&](const conclave::mls::Group& read) {
    if (!is_flag(with_tree)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto info = read.group_info(with_tree == 1);
    if (!info.ok()) return status_of(info.error());
    return give_message(group_info, *info);
  });
}

conclave_status conclave_group_ratchet_tree(const conclave_group* group, conclave_buffer* ratchet_tree) {
  return read_into_buffer(group, ratchet_tree, [&](const conclave::mls::Group& read) {
    return give(ratchet_tree, read.tree().encoded_nodes());
  });
}

}  // extern "C"
