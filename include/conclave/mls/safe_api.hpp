#pragma once

/// @file
/// draft-ietf-mls-extensions, "The Safe Application Interface": HPKE
/// encryption and signatures labelled by component (ComponentOperationLabel
/// in place of the label of RFC 9420 section 5.1).

#include "conclave/bytes.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/components.hpp"

namespace conclave::mls {

/// "Component IDs": the fixed base_label of every ComponentOperationLabel.
inline constexpr std::string_view component_base_label = "MLS Component";

/// "Component IDs": the TLS encoding of the ComponentOperationLabel of
/// `component` and `label` (base_label "MLS Component"), the label a safe
/// operation passes to the RFC 9420 labeled operation it uses.
Bytes component_operation_label(ComponentId component, BytesView label);

/// "HPKE Keys": SafeEncryptWithLabel(PublicKey, ComponentID, Label,
/// Context, Plaintext) = EncryptWithLabel(PublicKey, ComponentOperationLabel,
/// Context, Plaintext); RFC 9420 section 5.1.3 adds its "MLS 1.0 " prefix to
/// the encoded ComponentOperationLabel. Any component may encrypt to any.
/// @param suite the group's cipher suite.
/// @param public_key the recipient's HPKE public key.
/// @param component the component the ciphertext is for.
/// @param label the component's operation label.
/// @param context the EncryptContext context (may be empty).
/// @param plaintext the bytes to encrypt.
/// @param random the source of the ephemeral KEM key.
/// @errors Those of CipherSuite::encrypt_with_label(): `Errc::invalid_public_key`,
/// `Errc::dh_failure`, `Errc::internal`.
Result<HpkeCiphertext> safe_encrypt_with_label(const CipherSuite& suite, BytesView public_key,
                                               ComponentId component, BytesView label,
                                               BytesView context, BytesView plaintext,
                                               crypto::RandomSource& random);

/// "HPKE Keys": SafeDecryptWithLabel, DecryptWithLabel under the
/// ComponentOperationLabel of `component` and `label`. `component` must be
/// the ID of the component performing the decryption (the draft's MUST: a
/// component cannot open what was sealed for another).
/// @errors `Errc::aead_failure` when the ciphertext was sealed for another
/// component, label or context, or altered; otherwise those of
/// CipherSuite::decrypt_with_label().
Result<Bytes> safe_decrypt_with_label(const CipherSuite& suite, const crypto::KemKeyPair& recipient,
                                      ComponentId component, BytesView label, BytesView context,
                                      const HpkeCiphertext& ciphertext);

/// "Signature Keys": SafeSignWithLabel(SignatureKey, ComponentID, Label,
/// Content) = SignWithLabel(SignatureKey, ComponentOperationLabel, Content)
/// (RFC 9420 section 5.1.2, with its "MLS 1.0 " prefix). `component` must
/// be the signing component's own ID.
/// @errors Those of CipherSuite::sign_with_label(): `Errc::invalid_private_key`,
/// `Errc::internal`.
Result<Bytes> safe_sign_with_label(const CipherSuite& suite, const crypto::Secret& signature_key,
                                   ComponentId component, BytesView label, BytesView content);

/// "Signature Keys": SafeVerifyWithLabel, VerifyWithLabel under the
/// ComponentOperationLabel of `component` and `label`; any component may
/// verify another's signatures.
/// @errors `Errc::signature_invalid` when the signature was made for another
/// component, label or content, or does not verify; otherwise those of
/// CipherSuite::verify_with_label().
Status safe_verify_with_label(const CipherSuite& suite, BytesView verification_key,
                              ComponentId component, BytesView label, BytesView content,
                              BytesView signature);

}  // namespace conclave::mls
