// The C API's MLS functions refuse bad input at the boundary
// (include/conclave.h conventions): NULL and wrong-kind or freed handles,
// NULL pointers, NULL data with a size, out buffers that are not empty,
// flags out of range and bytes that do not decode, each with its exact
// status, no output written and the group as it was.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>

#include "mls_fixtures.hpp"

namespace {

using namespace capi_test;

const std::uint8_t some_bytes[4] = {1, 2, 3, 4};

// An out buffer for a call expected to fail; freed if it did not.
struct Out {
  conclave_buffer buffer = {nullptr, 0};
  ~Out() { conclave_buffer_free(&buffer); }
  conclave_buffer* get() { return &buffer; }
};

// Bytes that are not an MLSMessage, each with the decoding error it gives.
std::vector<std::pair<Bytes, int>> garbage_of(const Bytes& message) {
  Bytes trailing = message;
  trailing.push_back(0);
  const Bytes truncated(message.begin(), message.begin() + static_cast<std::ptrdiff_t>(message.size() / 2));
  return {{trailing, CONCLAVE_E_TRAILING_DATA},
          {truncated, CONCLAVE_E_TRUNCATED},
          {Bytes{0x00, 0x01, 0x00, 0x77, 0x00}, CONCLAVE_E_UNKNOWN_VARIANT},
          {Bytes{}, CONCLAVE_E_TRUNCATED}};
}

class CApiMlsBoundary : public ::testing::Test {
 protected:
  Group alice{new_group("alice")};
  Group bob{join_member(alice.get(), "bob")};
  KeyPackage carol{new_key_package("carol")};
  Bytes carol_public = public_of(carol.get());
  Bytes application = protect(alice.get(), "hello");
  Snapshot before = snapshot_of(alice.get());

  Bytes group_info() {
    Out info;
    EXPECT_EQ(conclave_group_info(alice.get(), 1, info.get()), CONCLAVE_OK);
    return taken(info.buffer);
  }
  Bytes welcome_for_carol() {
    Group creator(new_group("dave"));
    return add_member(creator.get(), public_of(carol.get()));
  }
};

// Every function taking a group, with valid arguments but the group.
std::vector<std::pair<std::string, std::function<int(conclave_group*)>>> group_calls(const Bytes& message,
                                                                                      const Bytes& key_package) {
  return {
      {"set_external_psk",
       [](conclave_group* g) { return conclave_group_set_external_psk(g, some_bytes, 1, some_bytes, 1); }},
      {"propose_add",
       [&](conclave_group* g) {
         return conclave_group_propose_add(g, key_package.data(), key_package.size(), 0, Out().get());
       }},
      {"propose_remove", [](conclave_group* g) { return conclave_group_propose_remove(g, 1, 0, Out().get()); }},
      {"propose_update", [](conclave_group* g) { return conclave_group_propose_update(g, 0, Out().get()); }},
      {"propose_external_psk",
       [](conclave_group* g) { return conclave_group_propose_external_psk(g, some_bytes, 1, 0, Out().get()); }},
      {"propose_self_remove", [](conclave_group* g) { return conclave_group_propose_self_remove(g, Out().get()); }},
      {"commit", [](conclave_group* g) {
         conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
         const int status = conclave_group_commit(g, nullptr, &output);
         conclave_commit_output_free(&output);
         return status;
       }},
      {"merge_pending_commit", [](conclave_group* g) { return conclave_group_merge_pending_commit(g); }},
      {"discard_pending_commit", [](conclave_group* g) { return conclave_group_discard_pending_commit(g); }},
      {"has_pending_commit",
       [](conclave_group* g) {
         int pending = 0;
         return conclave_group_has_pending_commit(g, &pending);
       }},
      {"process", [&](conclave_group* g) {
         conclave_received received = {};
         const int status = conclave_group_process(g, message.data(), message.size(), &received);
         conclave_received_free(&received);
         return status;
       }},
      {"protect", [](conclave_group* g) { return conclave_group_protect(g, some_bytes, 4, nullptr, 0, Out().get()); }},
      {"epoch", [](conclave_group* g) { std::uint64_t epoch = 0; return conclave_group_epoch(g, &epoch); }},
      {"own_leaf", [](conclave_group* g) { std::uint32_t leaf = 0; return conclave_group_own_leaf(g, &leaf); }},
      {"cipher_suite", [](conclave_group* g) { std::uint16_t id = 0; return conclave_group_cipher_suite(g, &id); }},
      {"id", [](conclave_group* g) { return conclave_group_id(g, Out().get()); }},
      {"epoch_authenticator", [](conclave_group* g) {
         std::uint8_t out[64];
         return conclave_group_epoch_authenticator(g, out, sizeof out, nullptr);
       }},
      {"export_secret", [](conclave_group* g) {
         std::uint8_t out[16];
         return conclave_group_export_secret(g, "label", nullptr, 0, out, sizeof out);
       }},
      {"members", [](conclave_group* g) {
         std::uint32_t leaves[8];
         std::size_t count = 0;
         return conclave_group_members(g, leaves, 8, &count);
       }},
      {"member_identity", [](conclave_group* g) { return conclave_group_member_identity(g, 0, Out().get()); }},
      {"info", [](conclave_group* g) { return conclave_group_info(g, 1, Out().get()); }},
      {"ratchet_tree", [](conclave_group* g) { return conclave_group_ratchet_tree(g, Out().get()); }},
      {"serialize", [](conclave_group* g) { return conclave_group_serialize(g, Out().get()); }},
  };
}

TEST_F(CApiMlsBoundary, EveryGroupFunctionRefusesANullWrongKindOrFreedHandle) {
  Group freed(new_group("freed"));
  freed.free();
  Store store;
  ASSERT_EQ(conclave_store_open_memory(store.out()), CONCLAVE_OK);
  for (const auto& [name, call] : group_calls(application, carol_public)) {
    EXPECT_EQ(call(nullptr), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(freed.get()), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(wrong_kind<conclave_group>(store.get())), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(wrong_kind<conclave_group>(carol.get())), CONCLAVE_E_INVALID_HANDLE) << name;
  }
  conclave_group_free(freed.get());
  conclave_group_free(nullptr);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  EXPECT_EQ(process(bob.get(), application).application_data, bytes_of("hello"));
}

TEST_F(CApiMlsBoundary, KeyPackageFunctionsRefuseBadArguments) {
  conclave_key_package* made = nullptr;
  EXPECT_EQ(conclave_key_package_create(suite, some_bytes, 4, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_create(suite, nullptr, 4, &made), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_create(0x7777, some_bytes, 4, &made), CONCLAVE_E_UNSUPPORTED_ALGORITHM);
  EXPECT_EQ(made, nullptr);
  KeyPackage freed(new_key_package("freed"));
  freed.free();
  for (const conclave_key_package* handle :
       {static_cast<const conclave_key_package*>(nullptr), static_cast<const conclave_key_package*>(freed.get()),
        wrong_kind<const conclave_key_package>(alice.get())}) {
    EXPECT_EQ(conclave_key_package_public(handle, Out().get()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_key_package_ref(handle, Out().get()), CONCLAVE_E_INVALID_HANDLE);
  }
  conclave_buffer full = non_empty();
  EXPECT_EQ(conclave_key_package_public(carol.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_public(carol.get(), &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_ref(carol.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_ref(carol.get(), &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(full.size, 1u);
  conclave_key_package_free(freed.get());
  conclave_key_package_free(nullptr);
  conclave_key_package_free(wrong_kind<conclave_key_package>(alice.get()));
  EXPECT_EQ(snapshot_of(alice.get()), before);
  EXPECT_EQ(public_of(carol.get()), carol_public);
}

TEST_F(CApiMlsBoundary, CreateRefusesBadArgumentsAndKeepsTheKeyPackage) {
  conclave_group* made = nullptr;
  const conclave_external_psk null_id = {nullptr, 1, some_bytes, 1};
  conclave_group_config bad_list, bad_psk;
  conclave_group_config_default(&bad_list);
  conclave_group_config_default(&bad_psk);
  bad_list.external_psk_count = 1;
  bad_psk.external_psks = &null_id;
  bad_psk.external_psk_count = 1;
  const Bytes& id = group_id();
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), carol.get(), nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_create(suite, nullptr, 3, carol.get(), nullptr, &made), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), carol.get(), &bad_list, &made),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), carol.get(), &bad_psk, &made),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), nullptr, nullptr, &made), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), wrong_kind<conclave_key_package>(alice.get()), nullptr,
                                  &made),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(made, nullptr);
  EXPECT_EQ(public_of(carol.get()), carol_public);
  Group created;
  EXPECT_EQ(conclave_group_create(suite, id.data(), id.size(), carol.get(), nullptr, created.out()), CONCLAVE_OK);
}

TEST_F(CApiMlsBoundary, JoinRefusesBadInputAndKeepsTheKeyPackage) {
  const Bytes welcome = welcome_for_carol();
  conclave_group* made = nullptr;
  conclave_group_config bad_list;
  conclave_group_config_default(&bad_list);
  bad_list.external_psk_count = 1;
  for (const auto& [bytes, status] : garbage_of(welcome)) {
    EXPECT_EQ(conclave_group_join(bytes.data(), bytes.size(), carol.get(), nullptr, 0, nullptr, &made), status);
  }
  const Bytes info = group_info();
  EXPECT_EQ(conclave_group_join(info.data(), info.size(), carol.get(), nullptr, 0, nullptr, &made),
            CONCLAVE_E_CONTENT_NOT_ALLOWED);
  Out tree;
  ASSERT_EQ(conclave_group_ratchet_tree(alice.get(), tree.get()), CONCLAVE_OK);
  Bytes long_tree = taken(tree.buffer);
  const Bytes short_tree(long_tree.begin(), long_tree.end() - 1);
  long_tree.push_back(0);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), short_tree.data(), short_tree.size(),
                                nullptr, &made),
            CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), long_tree.data(), long_tree.size(),
                                nullptr, &made),
            CONCLAVE_E_TRAILING_DATA);
  EXPECT_EQ(conclave_group_join(nullptr, 4, carol.get(), nullptr, 0, nullptr, &made), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), nullptr, 4, nullptr, &made),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), nullptr, 0, &bad_list, &made),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), nullptr, 0, nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), wrong_kind<conclave_key_package>(bob.get()), nullptr,
                                0, nullptr, &made),
            CONCLAVE_E_INVALID_HANDLE);
  KeyPackage other(new_key_package("carol"));
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), other.get(), nullptr, 0, nullptr, &made),
            CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(made, nullptr);
  Group joined;
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), carol.get(), nullptr, 0, nullptr, joined.out()),
            CONCLAVE_OK);
}

TEST_F(CApiMlsBoundary, ExternalJoinRefusesBadInputAndLeavesTheGroup) {
  const Bytes info = group_info();
  const Bytes welcome = welcome_for_carol();
  conclave_group* made = nullptr;
  conclave_buffer full = non_empty();
  for (const auto& [bytes, status] : garbage_of(info)) {
    EXPECT_EQ(conclave_group_join_external(bytes.data(), bytes.size(), carol.get(), nullptr, 0, nullptr, &made,
                                           Out().get()),
              status);
  }
  EXPECT_EQ(conclave_group_join_external(welcome.data(), welcome.size(), carol.get(), nullptr, 0, nullptr, &made,
                                         Out().get()),
            CONCLAVE_E_CONTENT_NOT_ALLOWED);
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), carol.get(), nullptr, 0, nullptr, &made, &full),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), carol.get(), nullptr, 0, nullptr, &made, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join_external(nullptr, 1, carol.get(), nullptr, 0, nullptr, &made, Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), carol.get(), nullptr, 1, nullptr, &made,
                                         Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), carol.get(), nullptr, 0, nullptr, nullptr,
                                         Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), nullptr, nullptr, 0, nullptr, &made, Out().get()),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(made, nullptr);
  EXPECT_EQ(full.size, 1u);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  Group joined;
  Out commit;
  EXPECT_EQ(conclave_group_join_external(info.data(), info.size(), carol.get(), nullptr, 0, nullptr, joined.out(),
                                         commit.get()),
            CONCLAVE_OK);
}

TEST_F(CApiMlsBoundary, DeserializeRefusesBadInput) {
  Out state;
  ASSERT_EQ(conclave_group_serialize(bob.get(), state.get()), CONCLAVE_OK);
  const Bytes stored = taken(state.buffer);
  conclave_group_config bad_list;
  conclave_group_config_default(&bad_list);
  bad_list.external_psk_count = 1;
  conclave_group* made = nullptr;
  Bytes trailing = stored;
  trailing.push_back(0);
  const Bytes truncated(stored.begin(), stored.begin() + 40);
  EXPECT_EQ(conclave_group_deserialize(trailing.data(), trailing.size(), nullptr, &made), CONCLAVE_E_TRAILING_DATA);
  EXPECT_EQ(conclave_group_deserialize(truncated.data(), truncated.size(), nullptr, &made), CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(conclave_group_deserialize(nullptr, 4, nullptr, &made), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_deserialize(stored.data(), stored.size(), &bad_list, &made), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_deserialize(stored.data(), stored.size(), nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(made, nullptr);
}

TEST_F(CApiMlsBoundary, ProposalsRefuseBadArgumentsAndCacheNothing) {
  const Bytes welcome = welcome_for_carol();
  conclave_buffer full = non_empty();
  for (const auto& [bytes, status] : garbage_of(carol_public)) {
    EXPECT_EQ(conclave_group_propose_add(alice.get(), bytes.data(), bytes.size(), 0, Out().get()), status);
  }
  EXPECT_EQ(conclave_group_propose_add(alice.get(), welcome.data(), welcome.size(), 0, Out().get()),
            CONCLAVE_E_CONTENT_NOT_ALLOWED);
  EXPECT_EQ(conclave_group_propose_add(alice.get(), nullptr, 1, 0, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_add(alice.get(), carol_public.data(), carol_public.size(), 2, Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_add(alice.get(), carol_public.data(), carol_public.size(), 0, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_add(alice.get(), carol_public.data(), carol_public.size(), 0, &full),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_remove(alice.get(), 1, -1, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_remove(alice.get(), 1, 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_remove(alice.get(), 1, 0, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_update(alice.get(), 2, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_update(alice.get(), 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_update(alice.get(), 0, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_external_psk(alice.get(), nullptr, 1, 0, Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_external_psk(alice.get(), some_bytes, 1, 2, Out().get()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_external_psk(alice.get(), some_bytes, 1, 0, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_self_remove(alice.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_self_remove(alice.get(), &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_set_external_psk(alice.get(), nullptr, 1, some_bytes, 1), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_set_external_psk(alice.get(), some_bytes, 1, nullptr, 1), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(full.size, 1u);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  // Nothing was cached: a Commit of every received proposal changes no member.
  const Committed committed = commit_and_merge(alice.get(), nullptr);
  EXPECT_TRUE(committed.welcome.empty());
  EXPECT_EQ(snapshot_of(alice.get()).members, before.members);
  EXPECT_EQ(process(bob.get(), committed.commit).kind, CONCLAVE_RECEIVED_COMMIT);
}

TEST_F(CApiMlsBoundary, CommitRefusesBadOptionsAndStagesNothing) {
  const conclave_bytes null_entry[] = {{nullptr, 1}};
  const Bytes truncated(carol_public.begin(), carol_public.begin() + 10);
  const conclave_bytes garbage[] = {{truncated.data(), truncated.size()}};
  const conclave_bytes unknown_psk[] = {{some_bytes, 4}};
  const std::uint32_t not_a_member = 5, self = 0;
  const std::vector<std::pair<std::function<void(conclave_commit_options&)>, int>> cases = {
      {[](auto& o) { o.add_count = 1; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[&](auto& o) {
         o.add_key_packages = null_entry;
         o.add_count = 1;
       },
       CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.remove_count = 1; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.external_psk_count = 1; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[&](auto& o) {
         o.external_psk_ids = null_entry;
         o.external_psk_count = 1;
       },
       CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.include_received = 2; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.force_path = -1; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.ratchet_tree_in_welcome = 2; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.encrypt = 2; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.group_info = 2; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](auto& o) { o.authenticated_data_size = 1; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[&](auto& o) {
         o.add_key_packages = garbage;
         o.add_count = 1;
       },
       CONCLAVE_E_TRUNCATED},
      {[&](auto& o) {
         o.remove_leaves = &not_a_member;
         o.remove_count = 1;
       },
       CONCLAVE_E_INVALID_PROPOSAL},
      {[&](auto& o) {
         o.remove_leaves = &self;
         o.remove_count = 1;
       },
       CONCLAVE_E_INVALID_PROPOSAL},
      {[&](auto& o) {
         o.external_psk_ids = unknown_psk;
         o.external_psk_count = 1;
       },
       CONCLAVE_E_UNKNOWN_PSK},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    conclave_commit_options options;
    conclave_commit_options_default(&options);
    cases[i].first(options);
    conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
    EXPECT_EQ(conclave_group_commit(alice.get(), &options, &output), cases[i].second) << i;
    EXPECT_EQ(output.commit.data, nullptr) << i;
  }
  EXPECT_EQ(conclave_group_commit(alice.get(), nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  for (int field = 0; field < 3; ++field) {
    conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
    (field == 0 ? output.commit : field == 1 ? output.welcome : output.group_info) = non_empty();
    EXPECT_EQ(conclave_group_commit(alice.get(), nullptr, &output), CONCLAVE_E_INVALID_ARGUMENT) << field;
  }
  EXPECT_EQ(conclave_group_merge_pending_commit(alice.get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_has_pending_commit(alice.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  EXPECT_EQ(process(bob.get(), application).application_data, bytes_of("hello"));
}

TEST_F(CApiMlsBoundary, ProcessRefusesBadMessagesAndLeavesTheGroup) {
  const Snapshot bob_before = snapshot_of(bob.get());
  for (const auto& [bytes, status] : garbage_of(application)) {
    conclave_received received = {};
    EXPECT_EQ(conclave_group_process(bob.get(), bytes.data(), bytes.size(), &received), status);
    EXPECT_EQ(received.application_data.data, nullptr);
  }
  const Bytes welcome = welcome_for_carol();
  conclave_received received = {};
  EXPECT_EQ(conclave_group_process(bob.get(), welcome.data(), welcome.size(), &received),
            CONCLAVE_E_CONTENT_NOT_ALLOWED);
  EXPECT_EQ(conclave_group_process(bob.get(), nullptr, 1, &received), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_process(bob.get(), application.data(), application.size(), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  for (int field = 0; field < 2; ++field) {
    conclave_received full = {};
    (field == 0 ? full.application_data : full.authenticated_data) = non_empty();
    EXPECT_EQ(conclave_group_process(bob.get(), application.data(), application.size(), &full),
              CONCLAVE_E_INVALID_ARGUMENT);
  }
  EXPECT_EQ(snapshot_of(bob.get()), bob_before);
  // The refused calls consumed nothing: the message still decrypts, once.
  EXPECT_EQ(process(bob.get(), application).application_data, bytes_of("hello"));
  EXPECT_EQ(conclave_group_process(bob.get(), application.data(), application.size(), &received),
            CONCLAVE_E_GENERATION_CONSUMED);
  EXPECT_EQ(snapshot_of(bob.get()), bob_before);
}

TEST_F(CApiMlsBoundary, ProtectRefusesBadArguments) {
  conclave_buffer full = non_empty();
  EXPECT_EQ(conclave_group_protect(alice.get(), nullptr, 1, nullptr, 0, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_protect(alice.get(), some_bytes, 1, nullptr, 1, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_protect(alice.get(), some_bytes, 1, nullptr, 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_protect(alice.get(), some_bytes, 1, nullptr, 0, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(full.size, 1u);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  // No generation was used: the next message is the one Bob expects.
  EXPECT_EQ(process(bob.get(), application).application_data, bytes_of("hello"));
  EXPECT_EQ(process(bob.get(), protect(alice.get(), "next")).application_data, bytes_of("next"));
}

// While a Commit is staged, nothing else may be sent or processed.
TEST_F(CApiMlsBoundary, NothingElseWhileACommitIsPending) {
  conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
  ASSERT_EQ(conclave_group_commit(alice.get(), nullptr, &output), CONCLAVE_OK);
  const Snapshot pending = snapshot_of(alice.get());
  const Bytes from_bob = protect(bob.get(), "hi");
  conclave_received received = {};
  EXPECT_EQ(conclave_group_commit(alice.get(), nullptr, &output), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_protect(alice.get(), some_bytes, 1, nullptr, 0, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_process(alice.get(), from_bob.data(), from_bob.size(), &received),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_propose_update(alice.get(), 0, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_info(alice.get(), 1, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_serialize(alice.get(), Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(snapshot_of(alice.get()), pending);
  conclave_commit_output_free(&output);
  EXPECT_EQ(conclave_group_discard_pending_commit(alice.get()), CONCLAVE_OK);
  EXPECT_EQ(snapshot_of(alice.get()), before);
}

TEST_F(CApiMlsBoundary, AccessorsRefuseBadArgumentsAndWriteNothing) {
  conclave_buffer full = non_empty();
  EXPECT_EQ(conclave_group_epoch(alice.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_own_leaf(alice.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_cipher_suite(alice.get(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  for (conclave_buffer* out : {static_cast<conclave_buffer*>(nullptr), &full}) {
    EXPECT_EQ(conclave_group_id(alice.get(), out), CONCLAVE_E_INVALID_ARGUMENT);
    EXPECT_EQ(conclave_group_member_identity(alice.get(), 0, out), CONCLAVE_E_INVALID_ARGUMENT);
    EXPECT_EQ(conclave_group_info(alice.get(), 1, out), CONCLAVE_E_INVALID_ARGUMENT);
    EXPECT_EQ(conclave_group_ratchet_tree(alice.get(), out), CONCLAVE_E_INVALID_ARGUMENT);
    EXPECT_EQ(conclave_group_serialize(alice.get(), out), CONCLAVE_E_INVALID_ARGUMENT);
  }
  EXPECT_EQ(full.size, 1u);
  EXPECT_EQ(conclave_group_member_identity(alice.get(), 7, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_info(alice.get(), 2, Out().get()), CONCLAVE_E_INVALID_ARGUMENT);

  std::uint8_t short_out[8] = {};
  std::size_t written = 0;
  EXPECT_EQ(conclave_group_epoch_authenticator(alice.get(), nullptr, 8, &written), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_epoch_authenticator(alice.get(), short_out, sizeof short_out, &written),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, 32u);
  EXPECT_EQ(Bytes(short_out, short_out + 8), Bytes(8, 0));

  EXPECT_EQ(conclave_group_export_secret(alice.get(), nullptr, nullptr, 0, short_out, 8), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_export_secret(alice.get(), "l", nullptr, 1, short_out, 8), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_export_secret(alice.get(), "l", nullptr, 0, nullptr, 8), CONCLAVE_E_INVALID_ARGUMENT);
  Bytes too_long(255 * 32 + 1);
  EXPECT_EQ(conclave_group_export_secret(alice.get(), "l", nullptr, 0, too_long.data(), too_long.size()),
            CONCLAVE_E_INVALID_LENGTH);
  EXPECT_EQ(Bytes(short_out, short_out + 8), Bytes(8, 0));

  std::uint32_t leaves[1] = {99};
  std::size_t count = 0;
  EXPECT_EQ(conclave_group_members(alice.get(), leaves, 1, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_members(alice.get(), nullptr, 1, &count), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_members(alice.get(), leaves, 1, &count), CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(leaves[0], 99u);
  EXPECT_EQ(conclave_group_members(alice.get(), nullptr, 0, &count), CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(snapshot_of(alice.get()), before);
}

TEST(CApiMlsDefaults, DefaultFunctionsAcceptNull) {
  conclave_group_config_default(nullptr);
  conclave_commit_options_default(nullptr);
  conclave_commit_output_free(nullptr);
  conclave_received_free(nullptr);
  conclave_group_config config;
  conclave_group_config_default(&config);
  EXPECT_EQ(config.past_epochs, 3u);
  EXPECT_EQ(config.out_of_order_window, 128u);
  EXPECT_EQ(config.max_forward_distance, 1024u);
  EXPECT_EQ(config.external_psks, nullptr);
  conclave_commit_options options;
  conclave_commit_options_default(&options);
  EXPECT_EQ(options.include_received, 1);
  EXPECT_EQ(options.ratchet_tree_in_welcome, 1);
  EXPECT_EQ(options.encrypt, 0);
  EXPECT_EQ(options.add_key_packages, nullptr);
}

}  // namespace
