// The C API's Commits (include/conclave.h): RFC 9420 section 12.4, staged
// until merged or discarded.

#include <new>
#include <utility>

#include "capi/mls_support.hpp"
#include "conclave/crypto/random.hpp"

using namespace conclave_capi;
using conclave::mls::Proposal;

namespace {

bool list_ok(const conclave_bytes* items, std::size_t count) noexcept {
  if (items == nullptr) return count == 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!bytes_in(items[i].data, items[i].size)) return false;
  }
  return true;
}

bool options_ok(const conclave_commit_options& options) noexcept {
  return list_ok(options.add_key_packages, options.add_count) &&
         list_ok(options.external_psk_ids, options.external_psk_count) &&
         (options.remove_leaves != nullptr || options.remove_count == 0) && is_flag(options.include_received) &&
         is_flag(options.force_path) && is_flag(options.ratchet_tree_in_welcome) && is_flag(options.encrypt) &&
         is_flag(options.group_info) && bytes_in(options.authenticated_data, options.authenticated_data_size);
}

bool output_ok(const conclave_commit_output* output) noexcept {
  return output != nullptr && buffer_out_ok(&output->commit) && buffer_out_ok(&output->welcome) &&
         buffer_out_ok(&output->group_info);
}

// The proposals `options` gives by value, KeyPackages decoded.
conclave::Status add_proposals(const conclave_commit_options& options, const conclave::mls::Group& group,
                               std::vector<Proposal>& proposals) {
  for (std::size_t i = 0; i < options.add_count; ++i) {
    const auto& item = options.add_key_packages[i];
    auto added = decode_body<conclave::mls::KeyPackage>(*bytes_in(item.data, item.size));
    if (!added.ok()) return added.error();
    proposals.push_back(Proposal{conclave::mls::Add{std::move(*added)}});
  }
  for (std::size_t i = 0; i < options.remove_count; ++i) {
    proposals.push_back(Proposal{conclave::mls::Remove{options.remove_leaves[i]}});
  }
  for (std::size_t i = 0; i < options.external_psk_count; ++i) {
    const auto& item = options.external_psk_ids[i];
    proposals.push_back(external_psk_proposal(group, *bytes_in(item.data, item.size)));
  }
  return {};
}

conclave::mls::CommitOptions commit_options_of(const conclave_commit_options& options) {
  conclave::mls::CommitOptions made;
  made.include_received = options.include_received == 1;
  made.force_path = options.force_path == 1;
  made.ratchet_tree_in_welcome = options.ratchet_tree_in_welcome == 1;
  made.encrypt = options.encrypt == 1;
  made.group_info = options.group_info == 1;
  made.authenticated_data = owned(*bytes_in(options.authenticated_data, options.authenticated_data_size));
  return made;
}

// The encoding of `message`; empty when there is none.
conclave::Bytes encoded(const std::optional<conclave::mls::MlsMessage>& message) {
  return message ? conclave::codec::encode(*message) : conclave::Bytes{};
}

// Every message is encoded (which may throw) before any is given out, so
// that a failure gives out none.
conclave_status give_output(const conclave::mls::CommitOutput& made, conclave_commit_output* output) {
  const auto commit = conclave::codec::encode(made.commit);
  const auto welcome = encoded(made.welcome);
  const auto group_info = encoded(made.group_info);
  auto status = give(&output->commit, commit);
  if (status == CONCLAVE_OK) status = give(&output->welcome, welcome);
  if (status == CONCLAVE_OK) status = give(&output->group_info, group_info);
  if (status != CONCLAVE_OK) conclave_commit_output_free(output);
  return status;
}

// Handing the messages out failed, by a status or an exception: the Commit
// is not staged either.
conclave_status give_or_unstage(conclave::mls::Group& group, const conclave::mls::CommitOutput& made,
                                conclave_commit_output* output) {
  conclave_status status;
  try {
    status = give_output(made, output);
  } catch (const std::bad_alloc&) {
    status = CONCLAVE_E_NO_MEMORY;
  }
  if (status != CONCLAVE_OK) group.discard_pending_commit();
  return status;
}

conclave_status commit(GroupObject& object, const conclave_commit_options& options,
                       conclave_commit_output* output) {
  auto made_options = commit_options_of(options);
  if (const auto added = add_proposals(options, object.group, made_options.proposals); !added.ok()) {
    return status_of(added);
  }
  const auto made = object.group.commit(made_options, conclave::crypto::system_random());
  if (!made.ok()) return status_of(made.error());
  return give_or_unstage(object.group, *made, output);
}

}  // namespace

extern "C" {

void conclave_commit_options_default(conclave_commit_options* options) {
  if (options == nullptr) return;
  const conclave::mls::CommitOptions defaults;
  *options = conclave_commit_options{};
  options->include_received = static_cast<int>(defaults.include_received);
  options->force_path = static_cast<int>(defaults.force_path);
  options->ratchet_tree_in_welcome = static_cast<int>(defaults.ratchet_tree_in_welcome);
  options->encrypt = static_cast<int>(defaults.encrypt);
  options->group_info = static_cast<int>(defaults.group_info);
}

void conclave_commit_output_free(conclave_commit_output* output) {
  if (output == nullptr) return;
  conclave_buffer_free(&output->commit);
  conclave_buffer_free(&output->welcome);
  conclave_buffer_free(&output->group_info);
}

conclave_status conclave_group_commit(conclave_group* group, const conclave_commit_options* options,
                                      conclave_commit_output* output) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    conclave_commit_options defaults;
    conclave_commit_options_default(&defaults);
    const auto& given = options == nullptr ? defaults : *options;
    if (!options_ok(given) || !output_ok(output)) return CONCLAVE_E_INVALID_ARGUMENT;
    return commit(*object, given, output);
  });
}

conclave_status conclave_group_merge_pending_commit(conclave_group* group) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const ChangeScope change(*object);
    return status_of(object->group.merge_pending_commit());
  });
}

conclave_status conclave_group_discard_pending_commit(conclave_group* group) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const ChangeScope change(*object);
    object->group.discard_pending_commit();
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_has_pending_commit(const conclave_group* group, int* pending) {
  return guard([&] {
    const auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (pending == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    *pending = object->group.has_pending_commit() ? 1 : 0;
    return CONCLAVE_OK;
  });
}

}  // extern "C"
