// meeting-password-psk.json (Conclave's own, from an independent Python
// Argon2id): the link, the meeting password, the password PSK, the keys
// Conclave derives from it, and the wrapped session key.

#include "check.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/session_key.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::meeting;

void check_link(const Json& v, CaseCheck& check) {
  const auto link = MeetingLink::parse(v.at("url").get<std::string>());
  check.expect(link.ok(), "url did not parse");
  if (!link) return;
  check.expect(link->meeting_id == v.at("meeting_id").get<std::string>(), "meeting_id");
  check.expect(link->link_password.text() == v.at("link_password").get<std::string>(), "link_password");
  const Json& custom = v.at("custom_password");
  const auto password = custom.is_null() ? link->meeting_password() : link->meeting_password(custom.get<std::string>());
  check.expect(password.ok() && password->text() == v.at("meeting_password").get<std::string>(), "meeting_password");
}

void check_case(const Json& v, CaseCheck& check) {
  check_link(v, check);
  const auto id = v.at("meeting_id").get<std::string>();
  check.expect_equal(password_psk_salt(id), hex_field(v, "salt"), "salt");
  const auto psk = password_psk(id, v.at("meeting_password").get<std::string>());
  check.expect(psk.ok(), "PSK derivation failed");
  if (!psk) return;
  check.expect_equal(psk->psk.view(), hex_field(v, "psk"), "psk");
  check.expect_equal(password_subkey(*psk, "conclave session key wrap").view(), hex_field(v, "wrap_key"), "wrap_key");
  check.expect_equal(password_subkey(*psk, "conclave join request").view(), hex_field(v, "join_key"), "join_key");
  const Bytes wrapped = hex_field(v, "wrapped_session_key");
  const Bytes session_key = hex_field(v, "session_key");
  const auto unwrapped = unwrap_session_key(*psk, wrapped);
  check.expect(unwrapped.ok(), "unwrap failed");
  if (unwrapped) check.expect_equal(unwrapped->view(), session_key, "session_key");
  FixedBytes iv(Bytes(wrapped.begin(), wrapped.begin() + 12));
  const auto rewrapped = wrap_session_key(*psk, session_key, iv);
  if (rewrapped) check.expect_equal(*rewrapped, wrapped, "wrapped_session_key");
}

}  // namespace

Tally check_meeting_password_psk(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
