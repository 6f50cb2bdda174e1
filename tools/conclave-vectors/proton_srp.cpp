// proton-srp-v4.json (ProtonMail/go-srp, WebClients packages/srp): Proton's
// auth version 4 value by value: the bcrypt setting and output, x, v, k, A,
// B, u, S, M1 and M2, and each base64 field against its hex. Where b is
// unknown (cases 1 and 2) the client runs against the published B and M2;
// otherwise Client and Server run the whole exchange. The modulus's PGP
// signature is not verified (Conclave has no OpenPGP); its clear text must
// carry modulus_b64.

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

#include "check.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/srp6a.hpp"
#include "srp_fields.hpp"

namespace conclave::vectors {

namespace {

constexpr auto order = srp::ByteOrder::little_endian;
constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Standard base64 with padding.
Bytes base64_decode(std::string_view text) {
  Bytes out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text.substr(0, text.find('='))) {
    const auto value = base64_alphabet.find(c);
    if (value == std::string_view::npos) throw std::invalid_argument("bad base64");
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<std::uint8_t>(bits >> count));
    }
  }
  return out;
}

std::string text_field(const Json& v, const char* key) { return v.at(key).get<std::string>(); }

void check_encodings(const Json& v, CaseCheck& check) {
  constexpr std::array<std::pair<const char*, const char*>, 7> pairs{{
      {"salt_b64", "salt_hex"},
      {"modulus_b64", "modulus_hex_le"},
      {"verifier_v_b64", "verifier_v_hex_le"},
      {"client_ephemeral_A_b64", "client_ephemeral_A_hex_le"},
      {"server_ephemeral_B_b64", "server_ephemeral_B_hex_le"},
      {"client_proof_M1_b64", "client_proof_M1_hex"},
      {"server_proof_M2_b64", "server_proof_M2_hex"},
  }};
  for (const auto& [base64, hex] : pairs) {
    check.expect_equal(base64_decode(text_field(v, base64)), hex_field(v, hex), base64);
  }
  const auto password = text_field(v, "password");
  check.expect_equal(as_bytes(password), hex_field(v, "password_utf8_hex"), "password_utf8_hex");
  const auto signed_text = text_field(v, "modulus_signed_cleartext");
  check.expect(signed_text.find("\n\n" + text_field(v, "modulus_b64") +
                                "\n-----BEGIN PGP SIGNATURE-----") != std::string::npos,
               "the signed clear text does not carry the modulus");
}

void check_bcrypt(const Json& v, CaseCheck& check) {
  const Bytes salt = hex_field(v, "salt_hex");
  const auto setting = srp::proton::bcrypt_setting(salt);
  check.expect(setting.ok() && *setting == text_field(v, "bcrypt_salt_string"),
               "bcrypt setting differs");
  const auto output = srp::proton::bcrypt(hex_field(v, "password_utf8_hex"), salt);
  check.expect(output.ok(), "bcrypt failed");
  if (output) check.expect_equal(output->view(), as_bytes(text_field(v, "bcrypt_output")), "bcrypt");
}

void check_multiplier(const srp::Variant& variant, const Json& v, CaseCheck& check) {
  const Bytes generator = padded(Bytes{2}, srp::proton::integer_size, order);
  check.expect_equal(srp::proton::expand_hash({generator, hex_field(v, "modulus_hex_le")}),
                     hex_field(v, "k_hash_hex_le"), "k_hash");
  check.expect_equal(variant.multiplier(), hex_field(v, "k_hex_le"), "k");
}

void check_server_side(const srp::Variant& variant, const Exchange& e, const Json& v,
                       BytesView scrambler, CaseCheck& check) {
  const auto server_key =
      srp::server_public_key(variant, e.verifier, crypto::Secret(e.server_secret));
  check.expect(server_key.ok() && *server_key == e.server_key, "B differs");
  const auto premaster = srp::server_premaster_secret(variant, e.client_key, e.verifier, scrambler,
                                                      crypto::Secret(e.server_secret));
  check.expect(premaster.ok(), "server premaster secret failed");
  if (premaster) check.expect_equal(premaster->view(), hex_field(v, "shared_session_S_hex_le"), "S (server)");
}

void check_values(const srp::Variant& variant, const Exchange& e, const Json& v,
                  const crypto::Secret& x, CaseCheck& check) {
  check.expect_equal(srp::client_public_key(variant, crypto::Secret(e.client_secret)),
                     e.client_key, "A");
  const Bytes u = variant.scrambler(e.client_key, e.server_key);
  check.expect_equal(u, hex_field(v, "u_hex_le"), "u");
  const auto premaster = srp::client_premaster_secret(
      variant, x, crypto::Secret(e.client_secret), u, e.server_key);
  check.expect(premaster.ok() && premaster->view().size() == e.session_key.size() &&
                   crypto::constant_time_equal(premaster->view(), e.session_key),
               "S (client) differs");
  const Bytes proof =
      variant.client_proof({e.identity, e.salt, e.client_key, e.server_key, e.session_key});
  check.expect_equal(proof, *e.client_proof, "M1");
  check.expect_equal(variant.server_proof(e.client_key, proof, crypto::Secret(e.session_key)),
                     *e.server_proof, "M2");
  if (!e.server_secret.empty()) check_server_side(variant, e, v, u, check);
}

Exchange exchange_of(const Json& v) {
  // The identity takes no part in auth version 4; some cases have none.
  const auto username = v.at("username").is_null() ? std::string() : text_field(v, "username");
  Exchange e{.identity = Bytes(username.begin(), username.end()),
             .password = hex_field(v, "password_utf8_hex"),
             .salt = hex_field(v, "salt_hex"),
             .verifier = hex_field(v, "verifier_v_hex_le"),
             .client_secret = hex_field(v, "client_secret_a_hex_le"),
             .client_key = hex_field(v, "client_ephemeral_A_hex_le"),
             .server_key = hex_field(v, "server_ephemeral_B_hex_le"),
             .session_key = hex_field(v, "shared_session_S_hex_le"),
             .client_proof = hex_field(v, "client_proof_M1_hex"),
             .server_proof = hex_field(v, "server_proof_M2_hex")};
  if (!v.at("server_secret_b_hex_le").is_null()) {
    e.server_secret = hex_field(v, "server_secret_b_hex_le");
  }
  return e;
}

void check_case(const Json& v, CaseCheck& check) {
  check_encodings(v, check);
  check_bcrypt(v, check);
  const auto variant = srp::ProtonV4::create(hex_field(v, "modulus_hex_le"));
  check.expect(variant.ok(), "modulus rejected");
  if (!variant) return;
  check_multiplier(*variant, v, check);
  const Exchange e = exchange_of(v);
  const auto x = variant->password_key(e.identity, e.password, e.salt);
  check.expect(x.ok(), "x failed");
  if (!x) return;
  check.expect_equal(x->view(), hex_field(v, "hashed_password_x_hex_le"), "x");
  check.expect_equal(srp::verifier(*variant, *x), e.verifier, "v");
  check_values(*variant, e, v, *x, check);
  if (e.server_secret.empty()) {
    check_client_exchange(*variant, e, check);
  } else {
    check_exchange(*variant, e, check);
  }
}

}  // namespace

Tally check_proton_srp(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
