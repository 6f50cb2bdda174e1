#include "conclave/srp/proton.hpp"

#include <crypt.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string_view>

#include "crypto/backend_failure.hpp"
#include "digest.hpp"
#include "group_state.hpp"

namespace conclave::srp::proton {

namespace {

constexpr std::string_view bcrypt_prefix = "$2y$10$";
constexpr std::size_t bcrypt_output_size = 60;
constexpr std::string_view bcrypt_alphabet =
    "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::size_t expand_blocks = 4;
constexpr std::size_t sha512_size = 64;

void expand_hash_into(MutableBytesView out, std::initializer_list<BytesView> parts) {
  Hasher hasher(crypto::HashId::sha512);
  for (std::size_t block = 0; block < expand_blocks; ++block) {
    for (const auto part : parts) hasher.update(part);
    const std::array<std::uint8_t, 1> index{static_cast<std::uint8_t>(block)};
    hasher.update(index);
    hasher.finish_into(out.subspan(block * sha512_size, sha512_size));
  }
}

// bcrypt's base64: the usual bit order, its own alphabet, no padding (n
// bytes become n + 1 characters of each group of three).
std::string bcrypt_base64(BytesView data) {
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const std::size_t count = std::min<std::size_t>(3, data.size() - i);
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) group = (group << 8) | (j < count ? data[i + j] : 0u);
    for (std::size_t j = 0; j <= count; ++j) out += bcrypt_alphabet[(group >> (18 - 6 * j)) & 0x3f];
  }
  return out;
}

bool is_bcrypt_output(const char* output) {
  return output != nullptr && std::strlen(output) == bcrypt_output_size &&
         std::string_view(output).substr(0, bcrypt_prefix.size()) == bcrypt_prefix;
}

// The password as crypt_r reads it: its first 72 bytes, NUL-terminated.
Result<crypto::Secret> bcrypt_phrase(BytesView password) {
  const BytesView counted = password.first(std::min(password.size(), bcrypt_password_limit));
  if (std::find(counted.begin(), counted.end(), 0) != counted.end()) return Errc::invalid_argument;
  crypto::Secret phrase(counted.size() + 1);
  std::copy(counted.begin(), counted.end(), phrase.mutable_view().begin());
  return phrase;
}

}  // namespace

Bytes expand_hash(std::initializer_list<BytesView> parts) {
  Bytes out(expand_blocks * sha512_size);
  expand_hash_into(out, parts);
  return out;
}

Result<std::string> bcrypt_setting(BytesView salt) {
  if (salt.size() != salt_size) return Errc::invalid_length;
  return std::string(bcrypt_prefix) + bcrypt_base64(concat({salt, as_bytes("proton")}));
}

Result<crypto::Secret> bcrypt(BytesView password, BytesView salt) {
  const auto setting = bcrypt_setting(salt);
  if (!setting) return setting.error();
  const auto phrase = bcrypt_phrase(password);
  if (!phrase) return phrase.error();
  const auto data = std::make_unique<crypt_data>();
  const char* output =
      crypt_r(reinterpret_cast<const char*>(phrase->view().data()), setting->c_str(), data.get());
  Result<crypto::Secret> result = Errc::internal;
  if (crypto::backend_ok(is_bcrypt_output(output))) result = crypto::Secret(as_bytes({output, bcrypt_output_size}));
  crypto::secure_zero({reinterpret_cast<std::uint8_t*>(data.get()), sizeof(crypt_data)});
  return result;
}

Result<crypto::Secret> hash_password(BytesView password, BytesView salt, BytesView modulus) {
  if (modulus.size() != integer_size) return Errc::invalid_argument;
  const auto hashed = bcrypt(password, salt);
  if (!hashed) return hashed.error();
  crypto::Secret key(integer_size);
  expand_hash_into(key.mutable_view(), {hashed->view(), modulus});
  return key;
}

Result<Group> modulus_group(BytesView modulus) {
  if (modulus.size() != integer_size) return Errc::invalid_group;
  const Bytes big_endian(modulus.rbegin(), modulus.rend());
  // Exactly 2048 bits, and N = 3 mod 8 so that 2 is a quadratic non-residue.
  if ((big_endian.front() & 0x80) == 0 || (big_endian.back() & 7) != 3) return Errc::invalid_group;
  // Group::create proves N a safe prime and checks 2^((N-1)/2) = -1 mod N.
  const std::array<std::uint8_t, 1> two{2};
  auto group = Group::create(big_endian, two, {.min_bits = modulus_bits});
  if (!group) return Errc::invalid_group;
  return group;
}

}  // namespace conclave::srp::proton

namespace conclave::srp {

namespace {

// k = expandHash(PAD_le(g) | N) before its reduction mod N.
Bytes proton_multiplier(const Group& group) {
  const GroupState& state = group.state();
  return proton::expand_hash({state.generator_bytes(ByteOrder::little_endian),
                              state.modulus_bytes(ByteOrder::little_endian)});
}

}  // namespace

ProtonV4::ProtonV4(Group group)
    : Variant(group, ByteOrder::little_endian, proton_multiplier(group)) {}

Result<ProtonV4> ProtonV4::create(BytesView modulus) {
  auto group = proton::modulus_group(modulus);
  if (!group) return group.error();
  return ProtonV4(std::move(*group));
}

Result<crypto::Secret> ProtonV4::password_key(BytesView, BytesView password, BytesView salt) const {
  return proton::hash_password(password, salt,
                               group().state().modulus_bytes(ByteOrder::little_endian));
}

Bytes ProtonV4::scrambler(BytesView client_key, BytesView server_key) const {
  return proton::expand_hash({client_key, server_key});
}

crypto::Secret ProtonV4::session_key(const crypto::Secret& premaster) const {
  return premaster.clone();
}

Bytes ProtonV4::client_proof(const ProofInput& input) const {
  return proton::expand_hash({input.client_key, input.server_key, input.session_key});
}

Bytes ProtonV4::server_proof(BytesView client_key, BytesView client_proof,
                             const crypto::Secret& session_key) const {
  return proton::expand_hash({client_key, client_proof, session_key.view()});
}

}  // namespace conclave::srp
