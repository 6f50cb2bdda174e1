// RFC 9180 appendix A vectors: every key derivation, the key schedule's
// outputs, every encryption in sequence on both sides, every export.

#include <optional>

#include "check.hpp"
#include "conclave/crypto/hpke.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::crypto;

struct Inputs {
  Bytes info;
  Bytes psk;
  Bytes psk_id;
  std::optional<KemKeyPair> sender;

  std::optional<HpkePsk> hpke_psk() const {
    if (psk.empty()) return std::nullopt;
    return HpkePsk{psk, psk_id};
  }
};

std::optional<KemKeyPair> derive_checked(const Dhkem& kem, const Json& v, const char* ikm,
                                         const char* sk, const char* pk, CaseCheck& check) {
  auto pair = kem.derive_key_pair(hex_field(v, ikm));
  check.expect(pair.ok(), std::string("DeriveKeyPair(") + ikm + ")");
  if (!pair) return std::nullopt;
  check.expect_equal(pair->private_key.view(), hex_field(v, sk), sk);
  check.expect_equal(pair->public_key, hex_field(v, pk), pk);
  return std::move(*pair);
}

void check_exports(const HpkeContext& context, const Json& v, std::string_view side,
                   CaseCheck& check) {
  for (const auto& e : v.at("exports")) {
    auto exported = context.export_secret(hex_field(e, "exporter_context"), e.at("L").get<std::size_t>());
    check.expect(exported.ok(), std::string(side) + " export failed");
    if (exported) {
      check.expect_equal(exported->view(), hex_field(e, "exported_value"),
                         std::string(side) + " exported_value");
    }
  }
}

void check_encryptions(HpkeContext& sender, HpkeContext& receiver, const Json& v,
                       CaseCheck& check) {
  for (const auto& e : v.at("encryptions")) {
    const Bytes aad = hex_field(e, "aad");
    const Bytes pt = hex_field(e, "pt");
    const Bytes ct = hex_field(e, "ct");
    auto sealed = sender.seal(aad, pt);
    check.expect(sealed.ok(), "seal failed");
    if (sealed) check.expect_equal(*sealed, ct, "ct");
    auto opened = receiver.open(aad, ct);
    check.expect(opened.ok(), "open failed");
    if (opened) check.expect_equal(*opened, pt, "pt");
  }
}

void check_entry(const Json& v, CaseCheck& check) {
  const HpkeSuite suite{static_cast<KemId>(v.at("kem_id").get<std::uint16_t>()),
                        static_cast<KdfId>(v.at("kdf_id").get<std::uint16_t>()),
                        static_cast<AeadId>(v.at("aead_id").get<std::uint16_t>())};
  auto hpke = Hpke::find(suite);
  check.expect(hpke.ok(), "suite unsupported");
  if (!hpke) return;
  const auto& kem = hpke->kem();
  const auto mode = static_cast<HpkeMode>(v.at("mode").get<int>());
  const bool auth = mode == HpkeMode::auth || mode == HpkeMode::auth_psk;
  const bool psk = mode == HpkeMode::psk || mode == HpkeMode::auth_psk;

  Inputs in{hex_field(v, "info"), psk ? hex_field(v, "psk") : Bytes{},
            psk ? hex_field(v, "psk_id") : Bytes{}, std::nullopt};
  auto recipient = derive_checked(kem, v, "ikmR", "skRm", "pkRm", check);
  auto ephemeral = derive_checked(kem, v, "ikmE", "skEm", "pkEm", check);
  if (auth) in.sender = derive_checked(kem, v, "ikmS", "skSm", "pkSm", check);
  if (!recipient || !ephemeral || (auth && !in.sender)) return;

  const KemKeyPair* sender_key = in.sender ? &*in.sender : nullptr;
  auto encapsulated = kem.encap_for_testing(recipient->public_key, *ephemeral, sender_key);
  check.expect(encapsulated.ok(), "Encap failed");
  if (encapsulated) {
    check.expect_equal(encapsulated->shared_secret.view(), hex_field(v, "shared_secret"),
                       "shared_secret");
  }

  auto sender = hpke->setup_sender_for_testing(
      recipient->public_key, {.info = in.info, .psk = in.hpke_psk(), .sender_key = sender_key},
      *ephemeral);
  HpkeReceiverOptions receiver_options{.info = in.info, .psk = in.hpke_psk()};
  if (in.sender) receiver_options.sender_public_key = BytesView(in.sender->public_key);
  auto receiver = hpke->setup_receiver(hex_field(v, "enc"), *recipient, receiver_options);
  check.expect(sender.ok() && receiver.ok(), "setup failed");
  if (!sender || !receiver) return;

  check.expect_equal(sender->enc, hex_field(v, "enc"), "enc");
  check.expect_equal(sender->context.key(), hex_field(v, "key"), "key");
  check.expect_equal(sender->context.base_nonce(), hex_field(v, "base_nonce"), "base_nonce");
  check.expect_equal(sender->context.exporter_secret(), hex_field(v, "exporter_secret"),
                     "exporter_secret");
  check.expect_equal(receiver->key(), hex_field(v, "key"), "receiver key");
  check_encryptions(sender->context, *receiver, v, check);
  check_exports(sender->context, v, "sender", check);
  check_exports(*receiver, v, "receiver", check);
}

}  // namespace

Tally check_hpke(const Json& doc) { return check_each(doc, check_entry); }

}  // namespace conclave::vectors
