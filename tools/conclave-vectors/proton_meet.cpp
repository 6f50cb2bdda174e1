// proton-meet-psk.json and proton-meet-names.json (Proton Meet, checked
// against independent implementations): the meeting password's external
// PSK, and display names and titles sealed under the session key.

#include "check.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/password_psk.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::meeting;

void check_psk(const Json& v, CaseCheck& check) {
  const auto link_name = v.at("link_name").get<std::string>();
  check.expect_equal(password_psk_salt(link_name), hex_field(v, "salt16_hex"), "salt16");
  const auto psk = password_psk(link_name, v.at("password").get<std::string>());
  check.expect(psk.ok(), "PSK derivation failed");
  if (!psk) return;
  check.expect_equal(psk->psk.view(), hex_field(v, "psk_hex"), "psk");
  check.expect_equal(psk->psk_id, hex_field(v, "psk_id_hex"), "psk_id");
}

void check_names(const Json& v, CaseCheck& check) {
  const auto key = MetadataKey::derive(hex_field(v, "session_key_hex"));
  check.expect(key.ok(), "session key rejected");
  if (!key) return;
  check.expect_equal(key->key(), hex_field(v, "key_hex"), "key");
  const auto aad = v.at("aad").get<std::string>();
  check.expect(aad == "displayname.meet.proton" || aad == "metadata.meet.proton", "unknown AAD");
  const Metadata kind = aad == "displayname.meet.proton" ? Metadata::display_name : Metadata::meeting_title;
  const auto plaintext = v.at("plaintext").get<std::string>();
  FixedBytes iv(hex_field(v, "iv_hex"));
  const auto sealed = key->seal(kind, plaintext, iv);
  check.expect(sealed.ok(), "seal failed");
  const Bytes ciphertext = hex_field(v, "ciphertext_hex");
  if (sealed) check.expect_equal(*sealed, ciphertext, "ciphertext");
  const auto opened = key->open(kind, ciphertext);
  check.expect(opened.ok() && *opened == plaintext, "open failed");
  const Metadata other = kind == Metadata::display_name ? Metadata::meeting_title : Metadata::display_name;
  check.expect(!key->open(other, ciphertext).ok(), "opened under the other AAD");
}

}  // namespace

Tally check_proton_meet_psk(const Json& doc) { return check_each(doc.at("cases"), check_psk); }
Tally check_proton_meet_names(const Json& doc) { return check_each(doc.at("cases"), check_names); }

}  // namespace conclave::vectors
