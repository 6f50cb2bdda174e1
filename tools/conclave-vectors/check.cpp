#include "check.hpp"

#include <algorithm>
#include <stdexcept>

namespace conclave::vectors {

namespace {

constexpr std::size_t max_reported_failures = 10;

}  // namespace

void CaseCheck::expect(bool condition, std::string_view what) {
  if (!condition) problems_.emplace_back(what);
}

void CaseCheck::expect_equal(BytesView actual, BytesView expected, std::string_view what) {
  if (actual.size() != expected.size() || !std::equal(actual.begin(), actual.end(), expected.begin())) {
    problems_.push_back(std::string(what) + " differs");
  }
}

void record(Tally& tally, std::size_t index, const CaseCheck& check) {
  if (check.passed()) {
    ++tally.passed;
    return;
  }
  ++tally.failed;
  for (const auto& problem : check.problems()) {
    if (tally.failures.size() >= max_reported_failures) return;
    tally.failures.push_back("case " + std::to_string(index) + ": " + problem);
  }
}

void merge(Tally& total, const Tally& part) {
  total.passed += part.passed;
  total.failed += part.failed;
  total.skipped += part.skipped;
  for (const auto& failure : part.failures) {
    if (total.failures.size() < max_reported_failures) total.failures.push_back(failure);
  }
  for (const auto& note : part.notes) {
    if (std::find(total.notes.begin(), total.notes.end(), note) == total.notes.end()) total.notes.push_back(note);
  }
}

mls::PskLookup external_psks(const Json& v) {
  std::vector<std::pair<Bytes, Bytes>> psks;
  for (const auto& entry : v.at("external_psks")) {
    psks.emplace_back(hex_field(entry, "psk_id"), hex_field(entry, "psk"));
  }
  return [psks](const mls::PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    for (const auto& [psk_id, psk] : psks) {
      if (psk_id == external->psk_id) return crypto::Secret(psk);
    }
    return std::nullopt;
  };
}

Bytes hex_field(const Json& object, const char* key) {
  auto bytes = from_hex(object.at(key).get<std::string>());
  if (!bytes) throw std::invalid_argument(std::string("field ") + key + " is not hex");
  return std::move(*bytes);
}

Result<mls::CipherSuite> suite_of(const Json& object) {
  return mls::CipherSuite::find(
      static_cast<mls::CipherSuiteId>(object.at("cipher_suite").get<std::uint16_t>()));
}

void FixedBytes::fill(MutableBytesView out) {
  if (out.size() != bytes_.size()) throw std::invalid_argument("unexpected random draw");
  std::copy(bytes_.begin(), bytes_.end(), out.begin());
}

}  // namespace conclave::vectors
