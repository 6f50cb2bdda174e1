#include <algorithm>
#include <initializer_list>

#include "check.hpp"

namespace conclave::vectors {

namespace {

namespace fs = std::filesystem;

bool first_has(const Json& doc, std::initializer_list<const char*> keys) {
  if (!doc.is_array() || doc.empty() || !doc.front().is_object()) return false;
  return std::all_of(keys.begin(), keys.end(),
                     [&](const char* key) { return doc.front().contains(key); });
}

// Cases in a file: array entries, or the entries of its "cases" member, or
// of all its array members; a lone object is one case.
std::size_t count_cases(const Json& doc) {
  if (doc.is_array()) return doc.size();
  if (doc.contains("cases")) return doc.at("cases").size();
  std::size_t total = 0;
  for (const auto& member : doc) {
    if (member.is_array()) total += member.size();
  }
  return std::max<std::size_t>(total, 1);
}

bool sframe(const fs::path&, const Json& doc) {
  return doc.is_object() && (doc.contains("sframe") || doc.contains("sframe_aes_256_ctr_hmac"));
}

bool has_all(const Json& object, std::initializer_list<const char*> keys) {
  return object.is_object() && std::all_of(keys.begin(), keys.end(), [&](const char* key) {
           return object.contains(key);
         });
}

// The first element of an array member, or null.
const Json* first_of(const Json& doc, const char* member) {
  if (!doc.is_object() || !doc.contains(member)) return nullptr;
  const Json& list = doc.at(member);
  return list.is_array() && !list.empty() ? &list.front() : nullptr;
}

bool srp_rfc5054(const fs::path&, const Json& doc) {
  return has_all(doc, {"hash", "I", "P", "s", "N", "g", "k", "x", "v", "a", "b", "A", "B", "u", "S"});
}

bool srp_test_vectors(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "testVectors");
  return first && has_all(*first, {"H", "size", "N", "g", "I", "P", "s", "a", "b", "S"});
}

bool srp_groups(const fs::path&, const Json& doc) {
  return has_all(doc, {"groups"}) && doc.at("groups").is_object() && !doc.at("groups").empty() &&
         has_all(doc.at("groups").front(), {"N", "g"});
}

bool proton_srp(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"bcrypt_output", "modulus_hex_le", "client_proof_M1_hex"});
}

bool mls_sframe(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"exporter_secret", "epoch_bits", "index_bits", "frames"});
}

bool meeting_transcript(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"login", "welcome", "messages", "epochs"});
}

bool meeting_password_psk(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"meeting_password", "wrap_key", "join_key"});
}

bool livekit_frames(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"raw_key_material_hex", "iv_hex", "encrypted_frame_hex"});
}

bool proton_meet_psk(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"link_name", "password", "salt16_hex", "psk_hex", "psk_id_hex"});
}

bool mls_extensions(const fs::path&, const Json& doc) {
  return has_all(doc, {"encodings", "invalid_encodings", "safe_hpke", "safe_signatures", "exporter_tree",
                       "application_psks", "app_data_updates"});
}

bool proton_meet_names(const fs::path&, const Json& doc) {
  const Json* first = first_of(doc, "cases");
  return first && has_all(*first, {"session_key_hex", "key_hex", "iv_hex", "aad", "ciphertext_hex"});
}

}  // namespace

const std::vector<VectorKind>& vector_kinds() {
  static const std::vector<VectorKind> kinds = {
      {"hpke",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"mode", "kem_id", "kdf_id", "aead_id", "encryptions", "exports"});
       },
       check_hpke, count_cases},
      {"crypto-basics",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"cipher_suite", "ref_hash", "expand_with_label"});
       },
       check_crypto_basics, count_cases},
      {"tree-math",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"n_leaves", "n_nodes", "root", "sibling"});
       },
       check_tree_math, count_cases},
      {"deserialization",
       [](const fs::path&, const Json& doc) { return first_has(doc, {"vlbytes_header", "length"}); },
       check_deserialization, count_cases},
      {"messages",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"mls_welcome", "mls_group_info", "ratchet_tree", "commit"});
       },
       check_messages, count_cases},
      {"key-schedule",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"cipher_suite", "group_id", "initial_init_secret", "epochs"});
       },
       check_key_schedule, count_cases},
      {"psk-secret",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"cipher_suite", "psks", "psk_secret"});
       },
       check_psk_secret, count_cases},
      {"secret-tree",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"cipher_suite", "encryption_secret", "sender_data", "leaves"});
       },
       check_secret_tree, count_cases},
      {"transcript-hashes",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"authenticated_content", "interim_transcript_hash_before"});
       },
       check_transcript_hashes, count_cases},
      {"welcome",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"init_priv", "key_package", "signer_pub", "welcome"});
       },
       check_welcome, count_cases},
      {"message-protection",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"membership_key", "sender_data_secret", "application_priv"});
       },
       check_message_protection, count_cases},
      {"tree-validation",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"tree", "group_id", "tree_hashes", "resolutions"});
       },
       check_tree_validation, count_cases},
      {"tree-operations",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"tree_before", "proposal", "proposal_sender", "tree_after"});
       },
       check_tree_operations, count_cases},
      {"treekem",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"ratchet_tree", "leaves_private", "update_paths"});
       },
       check_treekem, count_cases},
      {"passive-client",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"key_package", "welcome", "initial_epoch_authenticator", "epochs"});
       },
       check_passive_client, count_cases},
      {"srp-rfc5054", srp_rfc5054, check_srp_rfc5054, count_cases},
      {"srp-test-vectors", srp_test_vectors, check_srp_test_vectors, count_cases},
      {"srp-groups", srp_groups, check_srp_groups,
       [](const Json& doc) { return doc.at("groups").size(); }},
      {"proton-srp", proton_srp, check_proton_srp, count_cases},
      {"sframe", sframe, check_sframe, count_cases},
      {"mls-sframe", mls_sframe, check_mls_sframe, count_cases},
      {"livekit-frames", livekit_frames, check_livekit_frames, count_cases},
      {"proton-meet-psk", proton_meet_psk, check_proton_meet_psk, count_cases},
      {"proton-meet-names", proton_meet_names, check_proton_meet_names, count_cases},
      {"meeting-transcript", meeting_transcript, check_meeting_transcript, count_cases},
      {"meeting-password-psk", meeting_password_psk, check_meeting_password_psk, count_cases},
      {"mls-extensions", mls_extensions, check_mls_extensions, count_cases},
      {"partial-membership-proofs",
       [](const fs::path&, const Json& doc) { return first_has(doc, {"cipher_suite", "tree_hash", "proofs"}); },
       check_partial_membership_proofs, count_cases},
      {"partial-message-syntax",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"cipher_suite", "copath_hash", "membership_proof", "annotated_commit"});
       },
       check_partial_message_syntax, count_cases},
      {"partial-annotated-welcome",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"annotated_welcome", "joiner_leaf_index", "epoch_authenticator"});
       },
       check_partial_annotated_welcome, count_cases},
      {"partial-passive-client-scenarios",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"annotated_welcome", "initial_epoch_authenticator", "epochs"});
       },
       check_partial_scenarios, count_cases},
      {"partial-tree-operations",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"update_path", "tree_hash_after", "resolution_index", "receiver_path_state"});
       },
       check_partial_tree_operations, count_cases},
      {"partial-annotated-commit",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"state_before", "annotated_commit", "state_after"});
       },
       check_partial_annotated_commit, count_cases},
      {"partial-sender-authenticated-messages",
       [](const fs::path&, const Json& doc) {
         return first_has(doc, {"message_type", "sender_authenticated_message"});
       },
       check_partial_sender_authenticated, count_cases},
  };
  return kinds;
}

const VectorKind* recognize(const fs::path& file, const Json& doc) {
  for (const auto& kind : vector_kinds()) {
    if (kind.recognizes(file, doc)) return &kind;
  }
  return nullptr;
}

}  // namespace conclave::vectors
