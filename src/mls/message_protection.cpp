#include "conclave/mls/message_protection.hpp"

#include <array>

namespace conclave::mls {

namespace {

constexpr std::string_view content_tbs_label = "FramedContentTBS";

RatchetType ratchet_for(ContentType type) noexcept {
  return type == ContentType::application ? RatchetType::application : RatchetType::handshake;
}

// Section 6.3.1: the first four bytes of the nonce are XORed with the
// reuse guard.
Bytes guarded_nonce(BytesView nonce, const std::array<std::uint8_t, 4>& reuse_guard) {
  Bytes out(nonce.begin(), nonce.end());
  for (std::size_t i = 0; i < reuse_guard.size(); ++i) out[i] ^= reuse_guard[i];
  return out;
}

bool confirmation_tag_fits(const FramedContent& content, const ProtectOptions& options) {
  return options.confirmation_tag.has_value() == content.content.holds<Commit>();
}

}  // namespace

MessageProtection::MessageProtection(const CipherSuite& suite, GroupContext context,
                                     ProtectionSecrets secrets, LeafCount leaves,
                                     SignerLookup signers, SecretTreeOptions tree_options)
    : suite_(suite),
      context_(std::move(context)),
      membership_key_(std::move(secrets.membership_key)),
      sender_data_secret_(std::move(secrets.sender_data_secret)),
      secret_tree_(suite, std::move(secrets.encryption_secret), leaves, tree_options),
      signers_(std::move(signers)) {}

MessageProtection::MessageProtection(const CipherSuite& suite, GroupContext context,
                                     crypto::Secret membership_key,
                                     crypto::Secret sender_data_secret, SecretTree secret_tree,
                                     SignerLookup signers)
    : suite_(suite),
      context_(std::move(context)),
      membership_key_(std::move(membership_key)),
      sender_data_secret_(std::move(sender_data_secret)),
      secret_tree_(std::move(secret_tree)),
      signers_(std::move(signers)) {}

StoredProtection MessageProtection::store() const {
  return {membership_key_.clone(), sender_data_secret_.clone(), secret_tree_.store()};
}

StoredProtection MessageProtection::store_secrets() const {
  return {membership_key_.clone(), sender_data_secret_.clone(), {}};
}

Result<MessageProtection> MessageProtection::restore(const CipherSuite& suite, GroupContext context,
                                                     StoredProtection stored, LeafCount leaves,
                                                     SignerLookup signers,
                                                     SecretTreeOptions tree_options) {
  auto tree = SecretTree::restore(suite, leaves, tree_options, std::move(stored.secret_tree));
  if (!tree) return tree.error();
  return MessageProtection(suite, std::move(context), std::move(stored.membership_key),
                           std::move(stored.sender_data_secret), std::move(*tree),
                           std::move(signers));
}

// Section 6.1: FramedContentAuthData.signature over FramedContentTBS.
Result<Bytes> MessageProtection::sign(WireFormat wire_format, const FramedContent& content,
                                      const crypto::Secret& signature_key) const {
  Bytes tbs = framed_content_tbs(wire_format, content, context_);
  auto signature = suite_.sign_with_label(signature_key, content_tbs_label, tbs);
  crypto::secure_zero(tbs);
  return signature;
}

Result<FramedContentAuthData> MessageProtection::signed_auth(WireFormat wire_format,
                                                             const FramedContent& content,
                                                             const crypto::Secret& signature_key,
                                                             const ProtectOptions& options) const {
  if (!confirmation_tag_fits(content, options)) return Errc::invalid_argument;
  auto signature = sign(wire_format, content, signature_key);
  if (!signature) return signature.error();
  return FramedContentAuthData{std::move(*signature), options.confirmation_tag};
}


// Section 6.2: MAC(membership_key, AuthenticatedContentTBM).
Bytes MessageProtection::membership_tag(const FramedContent& content,
                                        const FramedContentAuthData& auth) const {
  return crypto::hmac(suite_.hash_id(), membership_key_.view(),
                      authenticated_content_tbm(content, auth, context_));
}

Result<PublicMessage> MessageProtection::protect_public(FramedContent content,
                                                        const crypto::Secret& signature_key,
                                                        const ProtectOptions& options) const {
  auto auth = signed_auth(WireFormat::public_message, content, signature_key, options);
  if (!auth) return auth.error();
  return seal_public(std::move(content), std::move(*auth));
}

PublicMessage MessageProtection::seal_public(FramedContent content,
                                             FramedContentAuthData auth) const {
  PublicMessage message{std::move(content), std::move(auth), std::nullopt};
  if (message.content.sender.holds<MemberSender>()) {
    message.membership_tag = membership_tag(message.content, message.auth);
  }
  return message;
}

Result<AuthenticatedContent> MessageProtection::unprotect(const PublicMessage& message) const {
  return authenticate_public(suite_, context_, signers_, message, [this](const PublicMessage& m) {
    return crypto::constant_time_equal(membership_tag(m.content, m.auth), *m.membership_tag);
  });
}

Status check_epoch_of(const GroupContext& context, BytesView group_id, std::uint64_t epoch) {
  if (!std::equal(group_id.begin(), group_id.end(), context.group_id.begin(), context.group_id.end())) {
    return Errc::wrong_group;
  }
  if (epoch != context.epoch) return Errc::wrong_epoch;
  return {};
}

Status verify_content_signature(const CipherSuite& suite, const GroupContext& context,
                                const SignerLookup& signers, const AuthenticatedContent& content) {
  const auto key = signers(content.content);
  if (!key) return Errc::invalid_sender;
  Bytes tbs = framed_content_tbs(content.wire_format, content.content, context);
  auto verified = suite.verify_with_label(*key, content_tbs_label, tbs, content.auth.signature);
  crypto::secure_zero(tbs);
  return verified;
}

// Section 6.2: group and epoch, the membership tag of a member sender, then
// the signature. Application data never travels in a PublicMessage.
Result<AuthenticatedContent> authenticate_public(const CipherSuite& suite, const GroupContext& context,
                                                 const SignerLookup& signers, const PublicMessage& message,
                                                 const MembershipTagCheck& tag_valid) {
  const auto& content = message.content;
  if (auto status = check_epoch_of(context, content.group_id, content.epoch); !status) return status.error();
  if (content.content.holds<ApplicationData>()) return Errc::content_not_allowed;
  // Section 6.2: a member sender's message MUST carry the tag, and no other
  // sender's may (decoding enforces both; a message built in memory may not).
  const bool from_member = content.sender.holds<MemberSender>();
  if (from_member != message.membership_tag.has_value()) return Errc::membership_tag_invalid;
  if (from_member && tag_valid && !tag_valid(message)) return Errc::membership_tag_invalid;
  AuthenticatedContent authenticated{WireFormat::public_message, content, message.auth};
  if (auto status = verify_content_signature(suite, context, signers, authenticated); !status) {
    return status.error();
  }
  return authenticated;
}

// Section 6.3: sign, encrypt the content under the sender's ratchet key,
// then encrypt the sender data under a key sampled from that ciphertext.
Result<PrivateMessage> MessageProtection::protect_private(const FramedContent& content,
                                                          const crypto::Secret& signature_key,
                                                          const ProtectOptions& options,
                                                          crypto::RandomSource& random) {
  auto auth = signed_auth(WireFormat::private_message, content, signature_key, options);
  if (!auth) return auth.error();
  return seal_private(content, std::move(*auth), options.padding, random);
}

Result<PrivateMessage> MessageProtection::seal_private(const FramedContent& content,
                                                       FramedContentAuthData auth,
                                                       std::size_t padding,
                                                       crypto::RandomSource& random) {
  const auto* sender = content.sender.get_if<MemberSender>();
  if (sender == nullptr) return Errc::content_not_allowed;
  const ContentType type = content.content.tag();
  auto key = secret_tree_.next(LeafIndex{sender->leaf_index}, ratchet_for(type));
  if (!key) return key.error();

  SenderData sender_data{sender->leaf_index, key->generation, {}};
  random.fill(sender_data.reuse_guard);
  Bytes plaintext = encode_private_content({content.content, std::move(auth)}, padding);
  const Bytes aad = codec::encode(
      PrivateContentAad{content.group_id, content.epoch, type, content.authenticated_data});
  auto ciphertext = suite_.aead().seal(
      key->key.view(), guarded_nonce(key->nonce.view(), sender_data.reuse_guard), aad, plaintext);
  crypto::secure_zero(plaintext);
  if (!ciphertext) return ciphertext.error();

  auto sender_keys = sender_data_keys(suite_, sender_data_secret_.view(), *ciphertext);
  if (!sender_keys) return sender_keys.error();
  auto encrypted_sender_data = suite_.aead().seal(
      sender_keys->key.view(), sender_keys->nonce.view(),
      codec::encode(SenderDataAad{content.group_id, content.epoch, type}),
      codec::encode(sender_data));
  if (!encrypted_sender_data) return encrypted_sender_data.error();
  return PrivateMessage{content.group_id,       content.epoch, type, content.authenticated_data,
                        std::move(*encrypted_sender_data), std::move(*ciphertext)};
}

// Section 6.3.2 then 6.3.1: the sender data names the leaf and generation;
// the content decrypts, parses and its signature verifies. Nothing changes:
// the key is consumed by consume().
Result<OpenedMessage> open_private(const CipherSuite& suite, const GroupContext& context,
                                   BytesView sender_data_secret, const SecretTree& secret_tree,
                                   const SignerLookup& signers, const PrivateMessage& message) {
  if (auto status = check_epoch_of(context, message.group_id, message.epoch); !status) {
    return status.error();
  }
  auto sender_keys = sender_data_keys(suite, sender_data_secret, message.ciphertext);
  if (!sender_keys) return sender_keys.error();
  auto sender_data_bytes = suite.aead().open(
      sender_keys->key.view(), sender_keys->nonce.view(),
      codec::encode(SenderDataAad{message.group_id, message.epoch, message.content_type}),
      message.encrypted_sender_data);
  if (!sender_data_bytes) return sender_data_bytes.error();
  auto sender_data = codec::decode<SenderData>(*sender_data_bytes);
  if (!sender_data) return sender_data.error();

  const LeafIndex leaf{sender_data->leaf_index};
  const RatchetType ratchet = ratchet_for(message.content_type);
  auto key = secret_tree.peek(leaf, ratchet, sender_data->generation);
  if (!key) return key.error();
  const Bytes aad = codec::encode(PrivateContentAad{message.group_id, message.epoch,
                                                    message.content_type,
                                                    message.authenticated_data});
  auto plaintext = suite.aead().open(
      key->key.view(), guarded_nonce(key->nonce.view(), sender_data->reuse_guard), aad,
      message.ciphertext);
  if (!plaintext) return plaintext.error();
  auto private_content = decode_private_content(*plaintext, message.content_type);
  crypto::secure_zero(*plaintext);
  if (!private_content) return private_content.error();

  AuthenticatedContent authenticated{
      WireFormat::private_message,
      FramedContent{message.group_id, message.epoch, Sender{MemberSender{leaf.value}},
                    message.authenticated_data, std::move(private_content->content)},
      std::move(private_content->auth)};
  if (auto status = verify_content_signature(suite, context, signers, authenticated); !status) return status.error();
  return OpenedMessage{std::move(authenticated), leaf, ratchet, sender_data->generation};
}

Result<OpenedMessage> MessageProtection::open(const PrivateMessage& message) const {
  return open_private(suite_, context_, sender_data_secret_.view(), secret_tree_, signers_, message);
}

// Section 14: the membership key only authenticates PublicMessages of the
// current epoch, so it goes now.
PastProtection MessageProtection::retire() && {
  membership_key_ = crypto::Secret();
  return {std::move(context_), std::move(sender_data_secret_), std::move(secret_tree_)};
}

Status MessageProtection::consume(const OpenedMessage& opened) {
  auto used = secret_tree_.get(opened.sender, opened.ratchet, opened.generation);
  return used ? Status() : Status(used.error());
}

Result<AuthenticatedContent> MessageProtection::unprotect(const PrivateMessage& message) {
  auto opened = open(message);
  if (!opened) return opened.error();
  if (auto used = consume(*opened); !used) return used.error();
  return std::move(opened->content);
}

}  // namespace conclave::mls
