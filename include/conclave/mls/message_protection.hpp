#pragma once

// RFC 9420 section 6: protecting and unprotecting framed content in one
// epoch, as PublicMessage (signature and membership tag, section 6.2) or
// PrivateMessage (content and sender data encryption, section 6.3).

#include <cstddef>
#include <functional>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/secret_tree.hpp"

namespace conclave::mls {

// The signature key that may have signed a content, from the group's view:
// for a member sender its leaf's key, for other senders what the group
// layer allows. Empty when no key is acceptable (a blank leaf, say).
using SignerLookup = std::function<std::optional<Bytes>(const FramedContent& content)>;

// The secrets of an epoch that message protection uses.
struct ProtectionSecrets {
  crypto::Secret membership_key;
  crypto::Secret sender_data_secret;
  crypto::Secret encryption_secret;
};

struct ProtectOptions {
  // Set for commits, and only for them (section 6.1).
  std::optional<Bytes> confirmation_tag;
  // Zero bytes appended to a PrivateMessage's content (section 6.3.1).
  std::size_t padding = 0;
};

// A PrivateMessage that decrypted and verified, and the ratchet key it used.
struct OpenedMessage {
  AuthenticatedContent content;
  LeafIndex sender;
  RatchetType ratchet = RatchetType::application;
  std::uint32_t generation = 0;
};

// Message protection as stored (group state serialization).
struct StoredProtection {
  crypto::Secret membership_key;
  crypto::Secret sender_data_secret;
  StoredSecretTree secret_tree;
  CONCLAVE_FIELDS(membership_key, sender_data_secret, secret_tree)
};

class MessageProtection {
 public:
  MessageProtection(const CipherSuite& suite, GroupContext context, ProtectionSecrets secrets,
                    LeafCount leaves, SignerLookup signers, SecretTreeOptions tree_options = {});

  StoredProtection store() const;
  static Result<MessageProtection> restore(const CipherSuite& suite, GroupContext context,
                                           StoredProtection stored, LeafCount leaves,
                                           SignerLookup signers, SecretTreeOptions tree_options = {});

  const GroupContext& context() const noexcept { return context_; }

  Result<PublicMessage> protect_public(FramedContent content, const crypto::Secret& signature_key,
                                       const ProtectOptions& options = {}) const;

  // protect_public() and protect_private() in two steps, for a Commit,
  // whose confirmation tag depends on its signature (section 8.2): sign(),
  // then seal with the finished auth data.
  Result<Bytes> sign(WireFormat wire_format, const FramedContent& content,
                     const crypto::Secret& signature_key) const;
  PublicMessage seal_public(FramedContent content, FramedContentAuthData auth) const;
  Result<PrivateMessage> seal_private(const FramedContent& content, FramedContentAuthData auth,
                                      std::size_t padding, crypto::RandomSource& random);
  Result<PrivateMessage> protect_private(const FramedContent& content,
                                         const crypto::Secret& signature_key,
                                         const ProtectOptions& options,
                                         crypto::RandomSource& random);

  // Each check of sections 6.2 and 6.3 in turn; on any failure the state is
  // unchanged (no ratchet key is consumed).
  Result<AuthenticatedContent> unprotect(const PublicMessage& message) const;
  Result<AuthenticatedContent> unprotect(const PrivateMessage& message);
  // unprotect() in two steps, for content that has more checks to pass
  // before its key may be spent (a commit): open() changes nothing, and
  // consume() deletes the key (section 9.2).
  Result<OpenedMessage> open(const PrivateMessage& message) const;
  Status consume(const OpenedMessage& opened);

 private:
  MessageProtection(const CipherSuite& suite, GroupContext context, crypto::Secret membership_key,
                    crypto::Secret sender_data_secret, SecretTree secret_tree, SignerLookup signers);

  Status check_group_and_epoch(BytesView group_id, std::uint64_t epoch) const;
  Result<FramedContentAuthData> signed_auth(WireFormat wire_format, const FramedContent& content,
                                            const crypto::Secret& signature_key,
                                            const ProtectOptions& options) const;
  Status verify_signature(const AuthenticatedContent& content) const;
  Bytes membership_tag(const FramedContent& content, const FramedContentAuthData& auth) const;

  CipherSuite suite_;
  GroupContext context_;
  crypto::Secret membership_key_;
  crypto::Secret sender_data_secret_;
  SecretTree secret_tree_;
  SignerLookup signers_;
};

}  // namespace conclave::mls
