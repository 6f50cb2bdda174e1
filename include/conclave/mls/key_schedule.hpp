#pragma once

// RFC 9420 section 8: the key schedule. Every secret of one epoch follows
// from the previous epoch's init_secret, the commit secret, the PSK secret
// and the new GroupContext.

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

// One PSK injected into an epoch: its identifier and its value.
struct PskInput {
  PreSharedKeyId id;
  BytesView psk;
};

// Section 8.4: the chained PSK secret; Nh zero bytes when there are no PSKs.
// More than 65535 PSKs cannot be labeled and fail with invalid_argument.
Result<crypto::Secret> psk_secret(const CipherSuite& suite, std::span<const PskInput> psks);

// Every secret of one epoch (section 8). The epoch_secret itself is not kept:
// it is consumed by deriving these (section 9.2).
struct EpochSecrets {
  crypto::Secret joiner_secret;
  crypto::Secret welcome_secret;
  crypto::Secret sender_data_secret;
  crypto::Secret encryption_secret;
  crypto::Secret exporter_secret;
  crypto::Secret external_secret;
  crypto::Secret confirmation_key;
  crypto::Secret membership_key;
  crypto::Secret resumption_psk;
  crypto::Secret epoch_authenticator;
  crypto::Secret init_secret;  // init_secret_[n], the next epoch's input

  // Section 8: external_priv, external_pub = KEM.DeriveKeyPair(external_secret).
  Result<crypto::KemKeyPair> external_key_pair(const CipherSuite& suite) const;
};

// Section 8: a member's derivation from the previous epoch's init_secret.
// Each input secret must be Nh bytes (a zero commit or PSK secret is Nh zero
// bytes) and the context's cipher suite must be `suite`.
Result<EpochSecrets> derive_epoch(const CipherSuite& suite, BytesView init_secret,
                                  BytesView commit_secret, BytesView psk_secret,
                                  const GroupContext& group_context);

// Section 8: a joiner's derivation from the joiner_secret of its Welcome
// (section 12.4.3.1).
Result<EpochSecrets> derive_epoch_from_joiner(const CipherSuite& suite, BytesView joiner_secret,
                                              BytesView psk_secret,
                                              const GroupContext& group_context);

// Section 11: a new group's first epoch, from a fresh random epoch secret
// (there is no joiner or welcome secret).
EpochSecrets derive_epoch_from_epoch_secret(const CipherSuite& suite, BytesView epoch_secret);

// Section 12.4.3.1: the welcome_secret, which a joiner needs before it has
// the GroupContext (it decrypts the GroupInfo that carries it).
Result<crypto::Secret> welcome_secret(const CipherSuite& suite, BytesView joiner_secret,
                                      BytesView psk_secret);

// Section 8.5: MLS-Exporter(Label, Context, Length).
Result<crypto::Secret> mls_exporter(const CipherSuite& suite, BytesView exporter_secret,
                                    std::string_view label, BytesView context, std::size_t length);

// An AEAD key and nonce (AEAD.Nk and AEAD.Nn bytes).
struct AeadKeyNonce {
  crypto::Secret key;
  crypto::Secret nonce;
};

// ExpandWithLabel(secret, "key", context, AEAD.Nk) and
// ExpandWithLabel(secret, "nonce", context, AEAD.Nn), the shape shared by the
// Welcome (section 12.4.3.1) and sender data (section 6.3.2) keys.
Result<AeadKeyNonce> expand_key_nonce(const CipherSuite& suite, BytesView secret,
                                      BytesView context);

// Section 12.4.3.1: welcome_key and welcome_nonce, which protect a Welcome's
// encrypted_group_info.
Result<AeadKeyNonce> welcome_key_nonce(const CipherSuite& suite, BytesView welcome_secret);

}  // namespace conclave::mls
