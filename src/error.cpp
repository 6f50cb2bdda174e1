#include "conclave/error.hpp"

namespace conclave {

std::string_view to_string(Errc code) noexcept {
  switch (code) {
    case Errc::truncated: return "input truncated";
    case Errc::trailing_data: return "trailing data after value";
    case Errc::length_limit: return "vector length exceeds limit";
    case Errc::non_minimal_varint: return "non-minimal variable-length integer";
    case Errc::invalid_varint: return "invalid variable-length integer prefix";
    case Errc::invalid_value: return "field value out of range";
    case Errc::unknown_variant: return "unknown select tag";
    case Errc::invalid_hex: return "invalid hex string";
    case Errc::invalid_length: return "wrong length";
    case Errc::invalid_public_key: return "invalid public key";
    case Errc::invalid_private_key: return "invalid private key";
    case Errc::dh_failure: return "Diffie-Hellman output rejected";
    case Errc::derive_key_pair_failed: return "key pair derivation failed";
    case Errc::aead_failure: return "AEAD authentication failed";
    case Errc::signature_invalid: return "signature invalid";
    case Errc::unsupported_algorithm: return "unsupported algorithm";
    case Errc::invalid_argument: return "invalid argument";
    case Errc::message_limit: return "message limit reached";
    case Errc::wrong_group: return "message for another group";
    case Errc::wrong_epoch: return "message for an unknown epoch";
    case Errc::invalid_sender: return "invalid sender";
    case Errc::generation_consumed: return "generation already used";
    case Errc::generation_too_far: return "generation beyond the window";
    case Errc::invalid_padding: return "non-zero padding";
    case Errc::membership_tag_invalid: return "membership tag invalid";
    case Errc::confirmation_tag_invalid: return "confirmation tag invalid";
    case Errc::content_not_allowed: return "content not allowed in this message";
    case Errc::invalid_tree: return "malformed ratchet tree";
    case Errc::parent_hash_invalid: return "parent hash invalid";
    case Errc::duplicate_key: return "key already in the tree";
    case Errc::capability_mismatch: return "capabilities do not match the group";
    case Errc::lifetime_invalid: return "outside the lifetime";
    case Errc::invalid_proposal: return "invalid proposal";
    case Errc::unknown_proposal: return "unknown proposal reference";
    case Errc::path_required: return "commit needs an update path";
    case Errc::unknown_psk: return "unknown pre-shared key";
    case Errc::not_in_group: return "not a member of the group";
    case Errc::invalid_group: return "invalid SRP group";
    case Errc::group_too_small: return "SRP group below the minimum size";
    case Errc::zero_scrambler: return "SRP scrambling parameter u is zero";
    case Errc::proof_invalid: return "SRP proof invalid";
    case Errc::out_of_order: return "protocol call out of order";
    case Errc::non_minimal_header: return "SFrame header field not in its shortest form";
    case Errc::unknown_key: return "no key for the frame's key ID";
    case Errc::replayed_counter: return "frame counter replayed or too old";
    case Errc::buffer_too_small: return "output buffer too small";
    case Errc::invalid_link: return "invalid meeting link";
    case Errc::psk_missing: return "commit without the meeting password PSK";
    case Errc::not_permitted: return "not permitted by the meeting's rules or to this session";
    case Errc::unknown_meeting: return "unknown meeting or token";
    case Errc::decode_limit: return "decoded value beyond the item or memory budget";
    case Errc::duplicate_extension: return "two extensions of one type in one list";
    case Errc::proposal_rejected: return "proposal from outside the group not authorized";
    case Errc::group_reinitialized: return "group reinitialized";
    case Errc::credential_rejected: return "credential rejected";
    case Errc::session_expired: return "session ended by a link rotation";
    case Errc::epoch_expired: return "message for a past epoch whose secrets are deleted";
    case Errc::storage_failure: return "storage read or write failed";
    case Errc::storage_corrupt: return "stored record corrupt or of an unknown version";
    case Errc::membership_proof_invalid: return "membership proof malformed or not of the group's tree";
    case Errc::partial_unsupported: return "operation a partial client cannot perform";
    case Errc::internal: return "internal crypto provider error";
  }
  return "unknown error";
}

}  // namespace conclave
