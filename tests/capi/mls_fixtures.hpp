#pragma once

// What the C API's MLS and storage tests share: handles freed at the end of
// a scope, library buffers copied out, members made and joined through the
// C API only, and a group's visible state to compare before and after a
// refused call.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "conclave.h"

namespace capi_test {

using Bytes = std::vector<std::uint8_t>;

constexpr std::uint16_t suite = CONCLAVE_SUITE_X25519_AES128GCM_SHA256_ED25519;

/// A handle freed at the end of the scope.
template <class T, void (*Free)(T*)>
class Owned {
 public:
  Owned() = default;
  explicit Owned(T* handle) : handle_(handle) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { Free(handle_); }
  T* get() const { return handle_; }
  T** out() { return &handle_; }
  /// Frees the handle now; get() then gives the freed (stale) handle.
  void free() { Free(handle_); }

 private:
  T* handle_ = nullptr;
};

using KeyPackage = Owned<conclave_key_package, conclave_key_package_free>;
using Group = Owned<conclave_group, conclave_group_free>;
using Store = Owned<conclave_store, conclave_store_free>;

/// The bytes of `buffer`, which is then freed.
inline Bytes taken(conclave_buffer& buffer) {
  Bytes bytes(buffer.data, buffer.data + buffer.size);
  conclave_buffer_free(&buffer);
  return bytes;
}

inline Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

/// A buffer that is not empty, to pass where an empty one is required (never freed).
inline conclave_buffer non_empty() {
  static std::uint8_t byte = 0;
  return conclave_buffer{&byte, 1};
}

inline conclave_key_package* new_key_package(const std::string& name) {
  conclave_key_package* key_package = nullptr;
  EXPECT_EQ(conclave_key_package_create(suite, reinterpret_cast<const std::uint8_t*>(name.data()), name.size(),
                                        &key_package),
            CONCLAVE_OK);
  return key_package;
}

inline Bytes public_of(const conclave_key_package* key_package) {
  conclave_buffer message = {nullptr, 0};
  EXPECT_EQ(conclave_key_package_public(key_package, &message), CONCLAVE_OK);
  return taken(message);
}

inline const Bytes& group_id() {
  static const Bytes id = bytes_of("capi group");
  return id;
}

/// A one-member group of `name`.
inline conclave_group* new_group(const std::string& name) {
  KeyPackage creator(new_key_package(name));
  conclave_group* group = nullptr;
  EXPECT_EQ(conclave_group_create(suite, group_id().data(), group_id().size(), creator.get(), nullptr, &group),
            CONCLAVE_OK);
  return group;
}

/// The messages of a merged Commit of `committer` with `options`.
struct Committed {
  Bytes commit;
  Bytes welcome;
  Bytes group_info;
};

inline Committed commit_and_merge(conclave_group* committer, const conclave_commit_options* options) {
  conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
  EXPECT_EQ(conclave_group_commit(committer, options, &output), CONCLAVE_OK);
  EXPECT_EQ(conclave_group_merge_pending_commit(committer), CONCLAVE_OK);
  return {taken(output.commit), taken(output.welcome), taken(output.group_info)};
}

/// The Welcome of a merged Commit of `committer` adding the KeyPackage `added`.
inline Bytes add_member(conclave_group* committer, const Bytes& added) {
  const conclave_bytes key_packages[] = {{added.data(), added.size()}};
  conclave_commit_options options;
  conclave_commit_options_default(&options);
  options.add_key_packages = key_packages;
  options.add_count = 1;
  return commit_and_merge(committer, &options).welcome;
}

/// The member `name` joined to `committer`'s group by a Welcome.
inline conclave_group* join_member(conclave_group* committer, const std::string& name) {
  KeyPackage joiner(new_key_package(name));
  const Bytes welcome = add_member(committer, public_of(joiner.get()));
  conclave_group* group = nullptr;
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), joiner.get(), nullptr, 0, nullptr, &group),
            CONCLAVE_OK);
  return group;
}

/// What `received` carries, its buffers freed.
struct Read {
  int kind = -1;
  std::uint8_t sender_type = 0;
  std::uint32_t sender_index = 0;
  int removed = 0;
  std::uint64_t epoch = 0;
  Bytes application_data;
  Bytes authenticated_data;
};

/// `message` processed by `group` (which must accept it).
inline Read process(conclave_group* group, const Bytes& message) {
  conclave_received received = {};
  EXPECT_EQ(conclave_group_process(group, message.data(), message.size(), &received), CONCLAVE_OK);
  Read read{received.kind, received.sender_type, received.sender_index, received.removed, received.epoch, {}, {}};
  read.application_data = taken(received.application_data);
  read.authenticated_data = taken(received.authenticated_data);
  return read;
}

inline Bytes protect(conclave_group* group, const std::string& text, const Bytes& aad = {}) {
  conclave_buffer message = {nullptr, 0};
  const Bytes data = bytes_of(text);
  EXPECT_EQ(conclave_group_protect(group, data.data(), data.size(), aad.data(), aad.size(), &message), CONCLAVE_OK);
  return taken(message);
}

/// What a refused call must leave as it was.
struct Snapshot {
  std::uint64_t epoch = 0;
  Bytes authenticator;
  std::vector<std::uint32_t> members;
  int pending = -1;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

inline Snapshot snapshot_of(const conclave_group* group) {
  Snapshot snapshot;
  EXPECT_EQ(conclave_group_epoch(group, &snapshot.epoch), CONCLAVE_OK);
  snapshot.authenticator.resize(64);
  std::size_t written = 0;
  EXPECT_EQ(conclave_group_epoch_authenticator(group, snapshot.authenticator.data(), 64, &written), CONCLAVE_OK);
  snapshot.authenticator.resize(written);
  std::size_t count = 0;
  snapshot.members.resize(16);
  EXPECT_EQ(conclave_group_members(group, snapshot.members.data(), snapshot.members.size(), &count), CONCLAVE_OK);
  snapshot.members.resize(count);
  EXPECT_EQ(conclave_group_has_pending_commit(group, &snapshot.pending), CONCLAVE_OK);
  return snapshot;
}

inline Bytes authenticator_of(const conclave_group* group) { return snapshot_of(group).authenticator; }

/// A handle of another kind, cast: refused as an invalid handle.
template <class To, class From>
To* wrong_kind(From* handle) {
  return reinterpret_cast<To*>(handle);
}

}  // namespace capi_test
