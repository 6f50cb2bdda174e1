#include "external_senders.hpp"

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"

namespace conclave::mls {

Status check_external_senders(const GroupConfig& config, const ExtensionList& extensions) {
  const auto* extension = find_extension(extensions, ExtensionType::external_senders);
  if (extension == nullptr) return {};
  auto senders = parse_extension<ExternalSenders>(*extension);
  if (!senders) return Errc::invalid_value;
  for (const auto& sender : senders->senders) {
    if (auto accepted = validate_credential(sender.credential, sender.signature_key, &config.credentials);
        !accepted) {
      return accepted;
    }
  }
  return {};
}

}  // namespace conclave::mls
