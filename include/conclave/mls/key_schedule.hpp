#pragma once

/// @file
/// RFC 9420 section 8: the key schedule. Every secret of one epoch follows
/// from the previous epoch's init_secret, the commit secret, the PSK secret
/// and the new GroupContext.

#include <cstddef>
#include <span>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/psk.hpp"

namespace conclave::mls {

/// One PSK injected into an epoch: its identifier and its value.
struct PskInput {
  PreSharedKeyId id;  ///< The identifier, as the PreSharedKey proposal carries it.
  BytesView psk;      ///< The PSK's value (not owned).
};

/// RFC 9420 section 8.4: the chained PSK secret of `psks`, in order; Nh
/// zero bytes when there are no PSKs.
/// @errors `Errc::invalid_argument` for more than 65535 PSKs, which cannot
/// be labeled.
Result<crypto::Secret> psk_secret(const CipherSuite& suite, std::span<const PskInput> psks);

/// Every secret of one epoch (RFC 9420 section 8). The epoch_secret itself
/// is not kept: it is consumed by deriving these (section 9.2).
struct EpochSecrets {
  crypto::Secret joiner_secret;        ///< Sent to joiners in a Welcome; empty for a new group.
  crypto::Secret welcome_secret;       ///< Keys a Welcome's GroupInfo; empty for a new group.
  crypto::Secret sender_data_secret;   ///< Section 6.3.2: keys PrivateMessage sender data.
  crypto::Secret encryption_secret;    ///< Section 9: the root of the secret tree.
  crypto::Secret exporter_secret;      ///< Section 8.5: for MLS-Exporter.
  /// draft-ietf-mls-extensions, "Exported Secrets": DeriveSecret(epoch_secret,
  /// "application_export"), the root of the Exporter Tree.
  crypto::Secret application_export_secret;
  crypto::Secret external_secret;      ///< Section 8.3: derives the external_pub key pair.
  crypto::Secret confirmation_key;     ///< Section 6.1: keys the confirmation tag.
  crypto::Secret membership_key;       ///< Section 6.2: keys PublicMessage membership tags.
  crypto::Secret resumption_psk;       ///< Section 8.6: this epoch's resumption PSK.
  crypto::Secret epoch_authenticator;  ///< Section 8.7: a value members can compare.
  crypto::Secret init_secret;  ///< init_secret_[n], the next epoch's input

  /// RFC 9420 section 8: external_priv, external_pub =
  /// KEM.DeriveKeyPair(external_secret).
  /// @errors The errors of the suite's KEM DeriveKeyPair:
  /// `Errc::derive_key_pair_failed` when no candidate key is valid (NIST
  /// curves), `Errc::internal` if the crypto provider fails.
  Result<crypto::KemKeyPair> external_key_pair(const CipherSuite& suite) const;
};

/// RFC 9420 section 8: a member's derivation from the previous epoch's
/// init_secret. Each input secret must be Nh bytes (a zero commit or PSK
/// secret is Nh zero bytes) and the context's cipher suite must be `suite`.
/// @param suite The group's cipher suite.
/// @param init_secret The previous epoch's init_secret (for an external
///   Commit, the init secret its ExternalInit conveys).
/// @param commit_secret The commit secret of the Commit's UpdatePath, or Nh
///   zero bytes without one.
/// @param psk_secret The result of psk_secret() for the Commit's PSKs.
/// @param group_context The new epoch's GroupContext.
/// @errors `Errc::invalid_length` when a secret is not Nh bytes;
/// `Errc::invalid_argument` when `group_context.cipher_suite` is not `suite`.
Result<EpochSecrets> derive_epoch(const CipherSuite& suite, BytesView init_secret,
                                  BytesView commit_secret, BytesView psk_secret,
                                  const GroupContext& group_context);

/// RFC 9420 section 8: a joiner's derivation from the joiner_secret of its
/// Welcome (section 12.4.3.1).
/// @param suite The group's cipher suite.
/// @param joiner_secret The joiner_secret from the Welcome's GroupSecrets.
/// @param psk_secret The result of psk_secret() for the GroupSecrets' PSKs.
/// @param group_context The new epoch's GroupContext, from the GroupInfo.
/// @errors `Errc::invalid_argument` when `group_context.cipher_suite` is not
/// `suite`; `Errc::invalid_length` when a secret is not Nh bytes.
Result<EpochSecrets> derive_epoch_from_joiner(const CipherSuite& suite, BytesView joiner_secret,
                                              BytesView psk_secret,
                                              const GroupContext& group_context);

/// RFC 9420 section 11: a new group's first epoch, from a fresh random epoch
/// secret of Nh bytes (there is no joiner or welcome secret: both are left
/// empty).
EpochSecrets derive_epoch_from_epoch_secret(const CipherSuite& suite, BytesView epoch_secret);

/// RFC 9420 section 12.4.3.1: the welcome_secret, which a joiner needs
/// before it has the GroupContext (it decrypts the GroupInfo that carries
/// it).
/// @errors `Errc::invalid_length` when `joiner_secret` or `psk_secret` is not
/// Nh bytes.
Result<crypto::Secret> welcome_secret(const CipherSuite& suite, BytesView joiner_secret,
                                      BytesView psk_secret);

/// RFC 9420 section 8.5: MLS-Exporter(Label, Context, Length), a secret of
/// `length` bytes derived from the epoch's exporter_secret.
/// @errors `Errc::invalid_length` when `length` is more than the KDF can
/// expand (255 * Nh bytes).
Result<crypto::Secret> mls_exporter(const CipherSuite& suite, BytesView exporter_secret,
                                    std::string_view label, BytesView context, std::size_t length);

/// An AEAD key and nonce (AEAD.Nk and AEAD.Nn bytes).
struct AeadKeyNonce {
  crypto::Secret key;    ///< AEAD.Nk bytes.
  crypto::Secret nonce;  ///< AEAD.Nn bytes.
};

/// ExpandWithLabel(secret, "key", context, AEAD.Nk) and
/// ExpandWithLabel(secret, "nonce", context, AEAD.Nn), the shape shared by
/// the Welcome (RFC 9420 section 12.4.3.1), sender data (section 6.3.2) and
/// secret tree ratchet (section 9.1) keys.
/// @errors `Errc::invalid_length` only if the KDF cannot expand that many
/// bytes, which no registered cipher suite reaches.
Result<AeadKeyNonce> expand_key_nonce(const CipherSuite& suite, BytesView secret,
                                      BytesView context);

/// RFC 9420 section 12.4.3.1: welcome_key and welcome_nonce, which protect a
/// Welcome's encrypted_group_info.
/// @errors Those of expand_key_nonce().
Result<AeadKeyNonce> welcome_key_nonce(const CipherSuite& suite, BytesView welcome_secret);

}  // namespace conclave::mls
