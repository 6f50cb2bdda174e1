// mls-sframe.json (Conclave's own; no upstream vectors exist): RFC 9605
// section 5.2, SFrame keyed from an MLS epoch. From the epoch's
// exporter_secret: the base_key, each sender's KID, sframe_key and
// sframe_salt, and every frame byte for byte, sent in order by its sender
// and decrypted by another member.

#include <map>

#include "check.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/mls/key_schedule.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::frame;

struct Setup {
  SFrameSuite suite;
  MlsSFrameOptions options;
  std::uint64_t epoch;
  Bytes base_key;
  std::uint32_t leaf_count;
};

Result<MlsSFrame> member(const Setup& setup, std::uint32_t leaf) {
  auto keying = MlsSFrame::create(setup.options);
  if (!keying) return keying.error();
  MlsSFrameEpoch epoch{setup.epoch, crypto::Secret(setup.base_key), leaf,
                       std::vector<bool>(setup.leaf_count, true)};
  if (const auto added = keying->add_epoch(std::move(epoch)); !added) return added.error();
  return keying;
}

void check_frame(const Setup& setup, const Json& f, MlsSFrame& sender, MlsSFrame& receiver,
                 CaseCheck& check) {
  const auto context = f.at("context").get<std::uint64_t>();
  const auto kid = f.at("kid").get<std::uint64_t>();
  check.expect(sender.kid(setup.epoch, context).ok() && *sender.kid(setup.epoch, context) == kid, "kid");
  const SFrameKeySalt derived = derive_key_salt(setup.suite, kid, setup.base_key);
  check.expect_equal(derived.key.view(), hex_field(f, "sframe_key"), "sframe_key");
  check.expect_equal(derived.salt.view(), hex_field(f, "sframe_salt"), "sframe_salt");

  const Bytes metadata = hex_field(f, "metadata");
  const Bytes pt = hex_field(f, "pt");
  const Bytes ct = hex_field(f, "ct");
  Bytes sealed(sender.max_protected_size(pt.size()));
  const auto size = sender.protect(metadata, pt, sealed, context);
  check.expect(size.ok(), "protect failed");
  sealed.resize(size ? *size : 0);
  check.expect_equal(sealed, ct, "ct");

  Bytes opened(ct.size());
  const auto got = receiver.unprotect(metadata, ct, opened);
  check.expect(got.ok() && got->epoch == setup.epoch && got->sender == f.at("sender").get<std::uint32_t>() &&
                   got->context == context && got->ctr == f.at("ctr").get<std::uint64_t>(),
               "unprotect failed");
  if (got) check.expect_equal(BytesView(opened).first(got->size), pt, "decrypted pt");
}

void check_case(const Json& v, CaseCheck& check) {
  const auto mls_suite = mls::CipherSuite::find(
      static_cast<mls::CipherSuiteId>(v.at("mls_cipher_suite").get<std::uint16_t>()));
  const auto suite = SFrameSuite::find(static_cast<SFrameSuiteId>(v.at("cipher_suite").get<std::uint16_t>()));
  check.expect(mls_suite.ok() && suite.ok(), "cipher suite unsupported");
  if (!mls_suite || !suite) return;
  Setup setup{*suite, {}, v.at("epoch").get<std::uint64_t>(), hex_field(v, "base_key"),
              v.at("leaf_count").get<std::uint32_t>()};
  setup.options.suite = suite->id;
  setup.options.epoch_bits = v.at("epoch_bits").get<unsigned>();
  setup.options.index_bits = v.at("index_bits").get<unsigned>();
  const auto base_key = mls::mls_exporter(*mls_suite, hex_field(v, "exporter_secret"),
                                          mls_sframe_exporter_label, {}, suite->nk);
  check.expect(base_key.ok(), "exporter failed");
  if (base_key) check.expect_equal(base_key->view(), setup.base_key, "base_key");

  auto receiver = member(setup, v.at("receiver").get<std::uint32_t>());
  check.expect(receiver.ok(), "receiver setup failed");
  if (!receiver) return;
  std::map<std::uint32_t, MlsSFrame> senders;
  for (const auto& f : v.at("frames")) {
    const auto leaf = f.at("sender").get<std::uint32_t>();
    if (senders.count(leaf) == 0) {
      auto sender = member(setup, leaf);
      check.expect(sender.ok(), "sender setup failed");
      if (!sender) return;
      senders.emplace(leaf, std::move(*sender));
    }
    check_frame(setup, f, senders.at(leaf), *receiver, check);
  }
}

}  // namespace

Tally check_mls_sframe(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
