// psk_secret.json (mls-implementations): RFC 9420 section 8.4, chaining
// zero to ten external PSKs.

#include <vector>

#include "check.hpp"
#include "conclave/mls/key_schedule.hpp"

namespace conclave::vectors {

namespace {

struct ExternalPsk {
  mls::PreSharedKeyId id;
  Bytes psk;
};

ExternalPsk external_psk(const Json& v) {
  return {
      mls::PreSharedKeyId{{mls::ExternalPskId{hex_field(v, "psk_id")}}, hex_field(v, "psk_nonce")},
      hex_field(v, "psk")};
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  std::vector<ExternalPsk> psks;
  for (const auto& p : v.at("psks")) psks.push_back(external_psk(p));
  std::vector<mls::PskInput> inputs;
  for (const auto& p : psks) inputs.push_back({p.id, p.psk});
  auto secret = mls::psk_secret(*suite, inputs);
  check.expect(secret.ok(), "psk_secret failed");
  if (secret) check.expect_equal(secret->view(), hex_field(v, "psk_secret"), "psk_secret");
}

}  // namespace

Tally check_psk_secret(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
