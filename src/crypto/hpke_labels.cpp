#include "hpke_labels.hpp"

namespace conclave::crypto {

namespace {

constexpr std::string_view version_label = "HPKE-v1";

void append(Bytes& out, BytesView bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }

}  // namespace

Secret labeled_extract(const Kdf& kdf, BytesView suite_id, BytesView salt, std::string_view label,
                       BytesView ikm) {
  Bytes labeled_ikm;
  labeled_ikm.reserve(version_label.size() + suite_id.size() + label.size() + ikm.size());
  append(labeled_ikm, as_bytes(version_label));
  append(labeled_ikm, suite_id);
  append(labeled_ikm, as_bytes(label));
  append(labeled_ikm, ikm);
  Secret prk = kdf.extract(salt, labeled_ikm);
  secure_zero(labeled_ikm);
  return prk;
}

// I2OSP(L, 2) cannot wrap: Kdf::expand refuses more than 255 * Nh bytes,
// at most 16,320 for the KDFs of RFC 9180.
Result<Secret> labeled_expand(const Kdf& kdf, BytesView suite_id, BytesView prk,
                              std::string_view label, BytesView info, std::size_t length) {
  Bytes labeled_info;
  labeled_info.reserve(2 + version_label.size() + suite_id.size() + label.size() + info.size());
  labeled_info.push_back(static_cast<std::uint8_t>(length >> 8));
  labeled_info.push_back(static_cast<std::uint8_t>(length));
  append(labeled_info, as_bytes(version_label));
  append(labeled_info, suite_id);
  append(labeled_info, as_bytes(label));
  append(labeled_info, info);
  return kdf.expand(prk, labeled_info, length);
}

}  // namespace conclave::crypto
