#include "conclave/mls/key_schedule.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <utility>

#include "conclave/codec/codec.hpp"

namespace conclave::mls {

namespace {

// Section 8.4: psk_input_[i] = ExpandWithLabel(Extract(0, psk_[i]),
// "derived psk", PSKLabel, KDF.Nh).
Result<crypto::Secret> psk_input(const CipherSuite& suite, const PskInput& input,
                                 std::uint16_t index, std::uint16_t count) {
  const Bytes zero(suite.secret_size(), 0);
  const auto extracted = suite.kdf().extract(zero, input.psk);
  return suite.expand_with_label(extracted.view(), "derived psk",
                                 codec::encode(PskLabel{input.id, index, count}),
                                 suite.secret_size());
}

// Section 8: every secret entering the key schedule is KDF.Nh bytes.
Status check_inputs(const CipherSuite& suite, std::initializer_list<BytesView> secrets) {
  const bool sized = std::all_of(secrets.begin(), secrets.end(), [&](BytesView secret) {
    return secret.size() == suite.secret_size();
  });
  return sized ? Status{} : Status{Errc::invalid_length};
}

// Section 8: the secrets derived from epoch_secret, each DeriveSecret under
// its label in the table "Epoch-Derived Secrets", and the draft's
// application_export_secret (draft-ietf-mls-extensions, "Exported Secrets").
EpochSecrets from_epoch_secret(const CipherSuite& suite, BytesView epoch_secret,
                               BytesView joiner_secret, crypto::Secret welcome_secret) {
  const auto derive = [&](std::string_view label) {
    return suite.derive_secret(epoch_secret, label);
  };
  return EpochSecrets{
      .joiner_secret = crypto::Secret(joiner_secret),
      .welcome_secret = std::move(welcome_secret),
      .sender_data_secret = derive("sender data"),
      .encryption_secret = derive("encryption"),
      .exporter_secret = derive("exporter"),
      .application_export_secret = derive("application_export"),
      .external_secret = derive("external"),
      .confirmation_key = derive("confirm"),
      .membership_key = derive("membership"),
      .resumption_psk = derive("resumption"),
      .epoch_authenticator = derive("authentication"),
      .init_secret = derive("init"),
  };
}

}  // namespace

Result<crypto::Secret> psk_secret(const CipherSuite& suite, std::span<const PskInput> psks) {
  // Section 8.4: PSKLabel carries index and count as uint16.
  if (psks.size() > std::numeric_limits<std::uint16_t>::max()) return Errc::invalid_argument;
  const auto count = static_cast<std::uint16_t>(psks.size());
  crypto::Secret secret(suite.secret_size());
  for (std::uint16_t i = 0; i < count; ++i) {
    auto input = psk_input(suite, psks[i], i, count);
    if (!input) return input.error();
    secret = suite.kdf().extract(input->view(), secret.view());
  }
  return secret;
}

Result<crypto::KemKeyPair> EpochSecrets::external_key_pair(const CipherSuite& suite) const {
  return suite.derive_key_pair(external_secret.view());
}

Result<EpochSecrets> derive_epoch(const CipherSuite& suite, BytesView init_secret,
                                  BytesView commit_secret, BytesView psk_secret,
                                  const GroupContext& group_context) {
  if (const auto status = check_inputs(suite, {init_secret, commit_secret}); !status) {
    return status.error();
  }
  const auto extracted = suite.kdf().extract(init_secret, commit_secret);
  const auto joiner = suite.expand_with_label(extracted.view(), "joiner",
                                              codec::encode(group_context), suite.secret_size());
  if (!joiner) return joiner.error();
  return derive_epoch_from_joiner(suite, joiner->view(), psk_secret, group_context);
}

Result<EpochSecrets> derive_epoch_from_joiner(const CipherSuite& suite, BytesView joiner_secret,
                                              BytesView psk_secret,
                                              const GroupContext& group_context) {
  if (group_context.cipher_suite != suite.id()) return Errc::invalid_argument;
  if (const auto status = check_inputs(suite, {joiner_secret, psk_secret}); !status) {
    return status.error();
  }
  const auto member = suite.kdf().extract(joiner_secret, psk_secret);
  const auto epoch = suite.expand_with_label(member.view(), "epoch", codec::encode(group_context),
                                             suite.secret_size());
  if (!epoch) return epoch.error();
  return from_epoch_secret(suite, epoch->view(), joiner_secret,
                           suite.derive_secret(member.view(), "welcome"));
}

EpochSecrets derive_epoch_from_epoch_secret(const CipherSuite& suite, BytesView epoch_secret) {
  return from_epoch_secret(suite, epoch_secret, {}, crypto::Secret());
}

Result<crypto::Secret> welcome_secret(const CipherSuite& suite, BytesView joiner_secret,
                                      BytesView psk_secret) {
  if (const auto status = check_inputs(suite, {joiner_secret, psk_secret}); !status) {
    return status.error();
  }
  return suite.derive_secret(suite.kdf().extract(joiner_secret, psk_secret).view(), "welcome");
}

Result<crypto::Secret> mls_exporter(const CipherSuite& suite, BytesView exporter_secret,
                                    std::string_view label, BytesView context, std::size_t length) {
  const auto derived = suite.derive_secret(exporter_secret, label);
  return suite.expand_with_label(derived.view(), "exported", suite.hash(context), length);
}

Result<AeadKeyNonce> expand_key_nonce(const CipherSuite& suite, BytesView secret,
                                      BytesView context) {
  auto key = suite.expand_with_label(secret, "key", context, suite.aead().key_size());
  auto nonce = suite.expand_with_label(secret, "nonce", context, suite.aead().nonce_size());
  if (!key || !nonce) return key ? nonce.error() : key.error();
  return AeadKeyNonce{std::move(*key), std::move(*nonce)};
}

Result<AeadKeyNonce> welcome_key_nonce(const CipherSuite& suite, BytesView welcome_secret) {
  return expand_key_nonce(suite, welcome_secret, {});
}

}  // namespace conclave::mls
