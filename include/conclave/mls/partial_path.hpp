#pragma once

/// @file
/// draft-ietf-mls-partial, "Annotated Commit": a partial member's side of
/// an UpdatePath, without the ratchet tree: the ciphertext the annotation
/// names is decrypted, and the path secrets above it derived along the
/// receiver's direct path as its membership proof shows it.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/treekem.hpp"
#include "conclave/mls/update_path.hpp"

namespace conclave::mls {

/// draft-ietf-mls-partial, "Annotated Commit", the path steps: the
/// committer is `sender_after`'s leaf; the path secret of its and this
/// member's lowest common ancestor is the HPKECiphertext at
/// `resolution_index` of the UpdatePathNode at that ancestor's position
/// among the non-blank nodes of the committer's direct path
/// (`update_path_index`), decrypted (RFC 9420 section 7.6) with the key of
/// the highest non-blank node of this member's direct path below the
/// ancestor (its leaf included) that `keys` holds. The secrets of this
/// member's non-blank direct-path nodes from the ancestor up are derived
/// (section 7.4), each public key checked against the proof and the
/// UpdatePath (section 7.5), and `keys` takes the new key pairs and drops
/// those of nodes the proof shows blank. The proofs must have been verified
/// against the tree hash after the Commit, which `provisional_context` holds.
/// Changes nothing on failure.
/// @param keys This member's private keys (its leaf is `receiver_after`'s).
/// @param path The Commit's UpdatePath.
/// @param resolution_index The annotation's resolution_index.
/// @param sender_after The committer's proof in the tree after the Commit.
/// @param receiver_after This member's proof in the tree after the Commit.
/// @param provisional_context The encoded provisional GroupContext
///   (section 12.4.2), whose tree hash is the one after the Commit.
/// @return The ancestor's path secret and the commit secret.
/// @errors `Errc::membership_proof_invalid` when a proof has no leaf node,
/// the proofs are of trees of different sizes, or `receiver_after` is not
/// this member's leaf or is the committer's; `Errc::invalid_length` when
/// the UpdatePath has another number of nodes than the committer's
/// non-blank direct path, or `resolution_index` is past the node's
/// ciphertexts; `Errc::invalid_value` when an UpdatePath key is not the
/// proof's, or a derived public key is not the path's;
/// `Errc::invalid_argument` when no non-blank committer node is above this
/// member or `keys` holds no key of a node below it on its path; the errors
/// of CipherSuite::decrypt_with_label() (`Errc::aead_failure`, ...);
/// `Errc::derive_key_pair_failed` or `Errc::internal` when a key pair
/// cannot be derived.
Result<ReceivedPath> receive_partial_path(TreePrivateKeys& keys, const UpdatePath& path,
                                          std::uint32_t resolution_index, const MembershipProof& sender_after,
                                          const MembershipProof& receiver_after, BytesView provisional_context);

}  // namespace conclave::mls
