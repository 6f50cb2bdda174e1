#include "conclave/meeting/metadata_key.hpp"

#include <array>

#include "conclave/crypto/kdf.hpp"
#include "iv_first_gcm.hpp"

namespace conclave::meeting {

namespace {

constexpr std::string_view key_info = "aeskey.link.meet.proton";

BytesView aad_of(Metadata kind) {
  return as_bytes(kind == Metadata::display_name ? "displayname.meet.proton" : "metadata.meet.proton");
}

}  // namespace

Result<MetadataKey> MetadataKey::derive(BytesView session_key) {
  if (session_key.size() != metadata_session_key_size) return Errc::invalid_length;
  const crypto::Kdf kdf = crypto::Kdf::over(crypto::HashId::sha256);
  const std::array<std::uint8_t, 32> zero_salt{};
  const crypto::Secret prk = kdf.extract(zero_salt, session_key);
  auto key = kdf.expand(prk.view(), as_bytes(key_info), 32);
  if (!key) return key.error();
  return MetadataKey(std::move(*key));
}

Result<Bytes> MetadataKey::seal(Metadata kind, std::string_view text, crypto::RandomSource& random) const {
  return seal_iv_first(key_.view(), aad_of(kind), as_bytes(text), random);
}

Result<std::string> MetadataKey::open(Metadata kind, BytesView sealed) const {
  auto text = open_iv_first(key_.view(), aad_of(kind), sealed);
  if (!text) return text.error();
  std::string out(text->begin(), text->end());
  crypto::secure_zero(*text);
  return out;
}

}  // namespace conclave::meeting
