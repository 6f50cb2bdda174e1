// welcome.json (mls-implementations): RFC 9420 section 12.4.3.1, joining
// from a Welcome: find our secrets by KeyPackageRef, decrypt GroupSecrets and
// GroupInfo, verify the GroupInfo signature and its confirmation tag.

#include "check.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/transcript_hash.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

const EncryptedGroupSecrets* secrets_for(const Welcome& welcome, const Bytes& ref) {
  for (const auto& secrets : welcome.secrets) {
    if (secrets.new_member == ref) return &secrets;
  }
  return nullptr;
}

void check_group_info(const CipherSuite& suite, const GroupSecrets& group_secrets,
                      const Welcome& welcome, const Json& v, CaseCheck& check) {
  const crypto::Secret no_psk(suite.secret_size());
  auto welcome_key = welcome_secret(suite, group_secrets.joiner_secret.view(), no_psk.view());
  auto key = welcome_key ? welcome_key_nonce(suite, welcome_key->view())
                         : Result<AeadKeyNonce>(welcome_key.error());
  check.expect(key.ok(), "welcome key");
  if (!key) return;
  auto info_bytes = suite.aead().open(key->key.view(), key->nonce.view(), {},
                                      welcome.encrypted_group_info);
  auto info = info_bytes ? codec::decode<GroupInfo>(*info_bytes) : Result<GroupInfo>(info_bytes.error());
  check.expect(info.ok(), "GroupInfo did not decrypt and decode");
  if (!info) return;
  check.expect(suite.verify_with_label(hex_field(v, "signer_pub"), "GroupInfoTBS",
                                       group_info_tbs(*info), info->signature)
                   .ok(),
               "GroupInfo signature");
  auto epoch = derive_epoch_from_joiner(suite, group_secrets.joiner_secret.view(), no_psk.view(),
                                        info->group_context);
  check.expect(epoch.ok() && verify_confirmation_tag(suite, epoch->confirmation_key.view(),
                                                     info->group_context.confirmed_transcript_hash,
                                                     info->confirmation_tag)
                                 .ok(),
               "GroupInfo confirmation tag");
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  const auto key_package = message_of<KeyPackage>(hex_field(v, "key_package"));
  const auto welcome = message_of<Welcome>(hex_field(v, "welcome"));
  check.expect(suite.ok() && key_package && welcome, "suite, key_package or welcome");
  if (!suite || !key_package || !welcome) return;
  const auto* secrets = secrets_for(*welcome, key_package_ref(*suite, *key_package));
  check.expect(secrets != nullptr, "no secrets for our KeyPackageRef");
  if (secrets == nullptr) return;
  const crypto::KemKeyPair init{crypto::Secret(hex_field(v, "init_priv")), key_package->init_key};
  auto plaintext = suite->decrypt_with_label(init, "Welcome", welcome->encrypted_group_info,
                                             secrets->encrypted_group_secrets);
  auto group_secrets = plaintext ? codec::decode<GroupSecrets>(*plaintext)
                                 : Result<GroupSecrets>(plaintext.error());
  check.expect(group_secrets.ok() && group_secrets->psks.empty(), "GroupSecrets");
  if (!group_secrets || !group_secrets->psks.empty()) return;
  check_group_info(*suite, *group_secrets, *welcome, v, check);
}

}  // namespace

Tally check_welcome(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
