#pragma once

// A group's state as stored: by Group::serialize() whole, and by
// Group::persist() as records (src/storage/group_records.cpp) whose group
// record is this structure without the tree and the secret tree.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "group_state.hpp"

namespace conclave::mls {

// 3: the first epoch held and the past epochs (section 14). 4: the Exporter
// Tree of draft-ietf-mls-extensions.
inline constexpr std::uint16_t storage_format = 4;

// Byte strings are sorted as text (text_of()): std::string's ordering,
// without the std::vector comparison GCC 12 warns about at -O3.
struct StoredProposal {
  Bytes ref;
  Proposal proposal;
  Sender sender;
  CONCLAVE_FIELDS(ref, proposal, sender)
};

struct StoredResumptionPsk {
  std::uint64_t epoch = 0;
  crypto::Secret psk;
  CONCLAVE_FIELDS(epoch, psk)
};

struct StoredUpdateKey {
  Bytes public_key;
  crypto::Secret private_key;
  CONCLAVE_FIELDS(public_key, private_key)
};

struct StoredEpoch {
  GroupContext context;
  Bytes confirmation_tag;
  crypto::Secret init_secret;
  crypto::Secret exporter_secret;
  crypto::Secret external_secret;
  crypto::Secret resumption_psk;
  crypto::Secret epoch_authenticator;
  StoredProtection protection;
  std::vector<StoredProposal> proposals;
  std::vector<StoredNodeSecret> exporter_tree;
  CONCLAVE_FIELDS(context, confirmation_tag, init_secret, exporter_secret, external_secret,
                  resumption_psk, epoch_authenticator, protection, proposals, exporter_tree)
};

struct StoredGroup {
  std::uint16_t format = storage_format;
  std::uint32_t own_leaf = 0;
  crypto::Secret signature_key;
  Bytes tree;  // the ratchet_tree extension's encoding
  TreePrivateKeys::Stored private_keys;
  StoredEpoch epoch;
  std::vector<StoredResumptionPsk> resumption_psks;
  std::optional<ReInit> reinit;
  std::uint8_t removed = 0;
  std::vector<StoredUpdateKey> pending_update_keys;
  std::uint64_t first_epoch = 0;
  std::vector<StoredPastEpoch> past_epochs;  // oldest first
  CONCLAVE_FIELDS(format, own_leaf, signature_key, tree, private_keys, epoch, resumption_psks,
                  reinit, removed, pending_update_keys, first_epoch, past_epochs)
};

// The state as stored; `whole` false leaves out the ratchet tree, the
// epoch's secret tree and the past epochs (stored apart, as records).
StoredGroup store_group(const GroupState& state, bool whole);

// The state `stored` describes.
Result<std::unique_ptr<GroupState>> restore_group(StoredGroup stored, GroupConfig config);

}  // namespace conclave::mls
