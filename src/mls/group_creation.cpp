// RFC 9420 section 11: a new group of one.

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "external_senders.hpp"
#include "group_state.hpp"

namespace conclave::mls {

Result<std::unique_ptr<GroupState>> create_group(const CipherSuite& suite, Bytes group_id,
                                                 KeyPackageBundle creator, ExtensionList extensions,
                                                 GroupConfig config, crypto::RandomSource& random) {
  if (auto valid = validate_key_package(suite, creator.key_package, config.now); !valid) {
    return valid.error();
  }
  // Section 13 and draft-ietf-mls-extensions: the GroupContext's list is
  // valid as every joiner will check it.
  if (auto listed = check_extension_list(extensions); !listed) return listed.error();
  if (auto senders = check_external_senders(config, extensions); !senders) return senders.error();
  RatchetTree tree(suite, creator.key_package.leaf_node);
  auto keys = TreePrivateKeys::create(suite, LeafIndex{0},
                                      std::move(creator.keys.encryption_private_key));
  if (!keys) return keys.error();
  GroupContext context{ProtocolVersion::mls10, suite.id(), std::move(group_id), 0,
                       tree.tree_hash(), {}, std::move(extensions)};
  // The first epoch secret is fresh randomness; the confirmation tag covers
  // the empty confirmed transcript hash.
  const crypto::Secret epoch_secret = random.secret(suite.secret_size());
  auto secrets = derive_epoch_from_epoch_secret(suite, epoch_secret.view());
  Bytes tag = confirmation_tag(suite, secrets.confirmation_key.view(), {});
  auto state = std::make_unique<GroupState>(suite, std::move(config), LeafIndex{0},
                                            std::move(creator.keys.signature_private_key),
                                            std::move(tree), std::move(*keys));
  if (auto entered = state->enter_epoch(std::move(context), std::move(secrets), std::move(tag));
      !entered) {
    return entered.error();
  }
  return state;
}

}  // namespace conclave::mls
