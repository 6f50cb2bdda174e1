#include "conclave/crypto/dhkem.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "dh_group.hpp"
#include "hpke_labels.hpp"

namespace conclave::crypto {

namespace {

std::array<std::uint8_t, 5> kem_suite_id(KemId id) {
  const auto value = static_cast<std::uint16_t>(id);
  return {'K', 'E', 'M', static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

// dh(skE, pkR) | dh(skS, pkR), for the authenticated modes.
Secret join(const Secret& first, const Secret& second) {
  Secret out(first.size() + second.size());
  std::copy(first.view().begin(), first.view().end(), out.mutable_view().begin());
  std::copy(second.view().begin(), second.view().end(),
            out.mutable_view().begin() + static_cast<std::ptrdiff_t>(first.size()));
  return out;
}

}  // namespace

Result<Dhkem> Dhkem::find(KemId id) {
  switch (id) {
    case KemId::dhkem_p256_sha256: return Dhkem(id, p256_group(), Kdf::over(HashId::sha256));
    case KemId::dhkem_p384_sha384: return Dhkem(id, p384_group(), Kdf::over(HashId::sha384));
    case KemId::dhkem_p521_sha512: return Dhkem(id, p521_group(), Kdf::over(HashId::sha512));
    case KemId::dhkem_x25519_sha256: return Dhkem(id, x25519_group(), Kdf::over(HashId::sha256));
    case KemId::dhkem_x448_sha512: return Dhkem(id, x448_group(), Kdf::over(HashId::sha512));
  }
  return Errc::unsupported_algorithm;
}

std::size_t Dhkem::secret_size() const noexcept { return kdf_.size(); }
std::size_t Dhkem::enc_size() const noexcept { return group_->public_key_size(); }
std::size_t Dhkem::public_key_size() const noexcept { return group_->public_key_size(); }
std::size_t Dhkem::private_key_size() const noexcept { return group_->private_key_size(); }

KemKeyPair Dhkem::generate_key_pair(RandomSource& random) const {
  // Rejection of an invalid candidate has probability below 2^-32 per draw;
  // a backend failure is not retried.
  for (;;) {
    auto pair = derive_key_pair(random.secret(private_key_size()).view());
    if (pair) return std::move(*pair);
    if (pair.error() != Errc::derive_key_pair_failed) throw std::runtime_error("KEM key generation failed");
  }
}

// RFC 9180 section 7.1.3.
Result<KemKeyPair> Dhkem::derive_key_pair(BytesView ikm) const {
  const auto suite_id = kem_suite_id(id_);
  const Secret dkp_prk = labeled_extract(kdf_, suite_id, {}, "dkp_prk", ikm);
  KemKeyPair pair;
  if (!group_->samples_candidates()) {
    auto sk = labeled_expand(kdf_, suite_id, dkp_prk.view(), "sk", {}, private_key_size());
    if (!sk) return sk.error();
    pair.private_key = std::move(*sk);
  } else {
    for (unsigned counter = 0;; ++counter) {
      if (counter > 255) return Errc::derive_key_pair_failed;
      const std::uint8_t counter_byte = static_cast<std::uint8_t>(counter);
      auto candidate = labeled_expand(kdf_, suite_id, dkp_prk.view(), "candidate",
                                      BytesView(&counter_byte, 1), private_key_size());
      if (!candidate) return candidate.error();
      candidate->mutable_view()[0] &= group_->candidate_mask();
      if (group_->is_valid_private_key(candidate->view())) {
        pair.private_key = std::move(*candidate);
        break;
      }
    }
  }
  auto pk = group_->public_key(pair.private_key);
  if (!pk) return pk.error();
  pair.public_key = std::move(*pk);
  return pair;
}

Result<Bytes> Dhkem::public_key_of(const Secret& private_key) const {
  return group_->public_key(private_key);
}

Status Dhkem::validate_public_key(BytesView public_key) const {
  return group_->validate_public_key(public_key);
}

Result<Secret> Dhkem::extract_and_expand(BytesView dh, BytesView kem_context) const {
  const auto suite_id = kem_suite_id(id_);
  const Secret eae_prk = labeled_extract(kdf_, suite_id, {}, "eae_prk", dh);
  return labeled_expand(kdf_, suite_id, eae_prk.view(), "shared_secret", kem_context,
                        secret_size());
}

Result<Encapsulation> Dhkem::encap_for_testing(BytesView recipient_public_key,
                                               const KemKeyPair& ephemeral,
                                               const KemKeyPair* sender) const {
  auto dh = group_->dh(ephemeral.private_key, recipient_public_key);
  if (!dh) return dh.error();
  Bytes kem_context = concat({ephemeral.public_key, recipient_public_key});
  Secret dh_all = std::move(*dh);
  if (sender != nullptr) {
    auto dh_static = group_->dh(sender->private_key, recipient_public_key);
    if (!dh_static) return dh_static.error();
    dh_all = join(dh_all, *dh_static);
    kem_context = concat({kem_context, sender->public_key});
  }
  auto shared = extract_and_expand(dh_all.view(), kem_context);
  if (!shared) return shared.error();
  return Encapsulation{std::move(*shared), ephemeral.public_key};
}

Result<Encapsulation> Dhkem::encap(BytesView recipient_public_key, RandomSource& random) const {
  return encap_for_testing(recipient_public_key, generate_key_pair(random), nullptr);
}

Result<Encapsulation> Dhkem::auth_encap(BytesView recipient_public_key, const KemKeyPair& sender,
                                        RandomSource& random) const {
  return encap_for_testing(recipient_public_key, generate_key_pair(random), &sender);
}

Result<Secret> Dhkem::decap(BytesView enc, const KemKeyPair& recipient) const {
  auto dh = group_->dh(recipient.private_key, enc);
  if (!dh) return dh.error();
  return extract_and_expand(dh->view(), concat({enc, recipient.public_key}));
}

Result<Secret> Dhkem::auth_decap(BytesView enc, const KemKeyPair& recipient,
                                 BytesView sender_public_key) const {
  auto dh = group_->dh(recipient.private_key, enc);
  if (!dh) return dh.error();
  auto dh_static = group_->dh(recipient.private_key, sender_public_key);
  if (!dh_static) return dh_static.error();
  const Secret dh_all = join(*dh, *dh_static);
  return extract_and_expand(dh_all.view(),
                            concat({enc, recipient.public_key, sender_public_key}));
}

}  // namespace conclave::crypto
