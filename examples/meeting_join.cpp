// A guest joins a meeting: link, SRP, password PSK, Welcome, security code.
//
// The host creates a meeting link (the password is in its fragment, which
// never reaches the server) and registers the meeting: an SRP salt and
// verifier, and an MLS group whose every Commit carries the meeting
// password as an external PSK. A guest opens the link, proves the password
// to the server by SRP-6a, and asks to join; the host admits it with a
// Commit and the guest joins from the Welcome. Both then show the same
// security code, which people compare by voice or on screen.
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "conclave/crypto/random.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"

#include "support.hpp"

using namespace conclave;

int main() {
  auto& random = crypto::system_random();

  // The server's SRP group and hash (RFC 5054 appendix A, 2048 bits), which
  // every participant's profile names. The server is in-process here; in a
  // deployment each call below is a request to it.
  const srp::Rfc5054 srp_variant(take(srp::rfc5054_group(2048), "SRP group"), crypto::HashId::sha256);
  meeting::MeetingServer server(srp_variant, random);
  meeting::MeetingProfile profile;
  profile.srp = &srp_variant;

  // The host: a new link, and the meeting registered under its ID.
  const auto link = take(meeting::MeetingLink::generate("https://meet.example", random), "generating a link");
  const crypto::Secret host_password = take(link.meeting_password(), "the meeting password");
  auto host = take(meeting::Participant::host_meeting(server, link, host_password.text(), "Ada", "Design review", profile,
                                                      random),
                   "hosting the meeting");
  std::cout << "meeting " << link.meeting_id << " hosted (its password stays in the link's fragment)\n";

  // The guest opens the link it was sent; the password comes from the URL.
  const auto opened = take(meeting::MeetingLink::parse(link.url().text()), "parsing the link");
  const crypto::Secret password = take(opened.meeting_password(), "the meeting password");

  // A wrong password fails SRP: the server refuses the proof.
  const auto intruder = meeting::Guest::log_in(server, opened, "not the password", "Eve", profile, random);
  std::cout << "a wrong password: " << (intruder ? "accepted (wrong)" : to_string(intruder.error())) << "\n";

  // SRP-6a login, the password PSK and the session key; then a join request.
  auto guest = take(meeting::Guest::log_in(server, opened, password.text(), "Grace", profile, random), "logging in");
  apply(guest.request_welcome(server), "requesting to join");

  // The host admits the request: an Add with the password PSK, and a Welcome.
  const auto admitted = take(host.admit(server), "admitting");
  auto joined = take(guest.join_from_welcome(server), "joining from the Welcome");
  std::cout << admitted << " guest admitted; the group is at epoch " << joined.group().epoch() << "\n";

  // Both compute the security code from the epoch authenticator.
  const auto host_code = take(host.security_code(), "the host's security code");
  const auto guest_code = take(joined.security_code(), "the guest's security code");
  std::cout << "host:  " << host_code.display() << "\n";
  std::cout << "guest: " << guest_code.display() << "\n";
  const auto host_name = take(joined.display_name(host.group().own_leaf().value), "the host's display name");
  std::cout << "the guest sees the host as " << host_name << " (names travel encrypted)\n";

  const bool same = host_code.hex_groups == guest_code.hex_groups && host_code.epoch == guest_code.epoch;
  return same && !intruder && host_name == "Ada" ? EXIT_SUCCESS : EXIT_FAILURE;
}
