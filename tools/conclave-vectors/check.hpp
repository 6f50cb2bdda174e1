#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/message.hpp"

namespace conclave::vectors {

using Json = nlohmann::json;

// The outcome of one vector file.
struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::vector<std::string> failures;  // "case 3: key differs", first few only
  std::vector<std::string> notes;     // why cases were skipped, once each
};

// Collects the mismatches of one test case.
class CaseCheck {
 public:
  void expect(bool condition, std::string_view what);
  void expect_equal(BytesView actual, BytesView expected, std::string_view what);
  bool passed() const noexcept { return problems_.empty(); }
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Runs `check` over every element of `cases`, counting each as one case; an
// exception (a malformed field) fails that case only. Failures name a case
// by its index in `cases`.
template <class CheckOne>
Tally check_each(const Json& cases, CheckOne check_one);

// check_each() over the cases `supported` accepts; the others are skipped,
// with `note` saying why.
template <class Supported, class CheckOne>
Tally check_each_where(const Json& cases, Supported supported, const char* note, CheckOne check_one);

// check_each() for draft-ietf-mls-partial files, whose cases of the
// post-quantum suites (8 to 10, which Conclave does not implement) are
// skipped with a note saying so.
template <class CheckOne>
Tally check_partial_each(const Json& cases, CheckOne check_one);

void record(Tally& tally, std::size_t index, const CaseCheck& check);
// Adds the counts, failures and notes of `part` to `total`.
void merge(Tally& total, const Tally& part);

// Hands out fixed bytes (a case's IV) as the one draw of a seal; any other
// draw is a malformed case.
class FixedBytes final : public crypto::RandomSource {
 public:
  explicit FixedBytes(Bytes bytes) : bytes_(std::move(bytes)) {}
  void fill(MutableBytesView out) override;

 private:
  Bytes bytes_;
};

// The bytes of a hex string field.
Bytes hex_field(const Json& object, const char* key);

// Decodes a hex field as a T and expects it to re-encode to the same bytes.
template <class T>
void expect_round_trip(const Json& object, const char* field, CaseCheck& check) {
  const Bytes encoded = hex_field(object, field);
  auto decoded = codec::decode<T>(encoded);
  check.expect(decoded.ok(), std::string(field) + " did not decode");
  if (decoded) check.expect_equal(codec::encode(*decoded), encoded, std::string(field) + " re-encoding");
}

// The body of an encoded MLSMessage when it is a T.
template <class T>
std::optional<T> message_of(const Bytes& encoded) {
  auto message = codec::decode<mls::MlsMessage>(encoded);
  if (!message || !message->body.holds<T>()) return std::nullopt;
  return std::move(*message->body.get_if<T>());
}

// A hex field decoded as a T (a bare structure, not an MLSMessage).
template <class T>
std::optional<T> decoded_field(const Json& v, const char* key) {
  auto value = codec::decode<T>(hex_field(v, key));
  if (!value) return std::nullopt;
  return std::move(*value);
}

// The PSK lookup of a case's "external_psks" list (psk_id, psk).
mls::PskLookup external_psks(const Json& v);

// The MLS cipher suite named by a case's "cipher_suite" field.
Result<mls::CipherSuite> suite_of(const Json& object);

// One kind of vector file: how to recognize it and how to check it.
struct VectorKind {
  std::string_view name;
  bool (*recognizes)(const std::filesystem::path& file, const Json& doc);
  Tally (*check)(const Json& doc);  // null: recognized but not yet verified
  std::size_t (*case_count)(const Json& doc);
};

Tally check_hpke(const Json& doc);
Tally check_crypto_basics(const Json& doc);
Tally check_tree_math(const Json& doc);
Tally check_deserialization(const Json& doc);
Tally check_key_schedule(const Json& doc);
Tally check_psk_secret(const Json& doc);
Tally check_secret_tree(const Json& doc);
Tally check_messages(const Json& doc);
Tally check_transcript_hashes(const Json& doc);
Tally check_welcome(const Json& doc);
Tally check_message_protection(const Json& doc);
Tally check_treekem(const Json& doc);
Tally check_tree_validation(const Json& doc);
Tally check_tree_operations(const Json& doc);
Tally check_passive_client(const Json& doc);
Tally check_srp_rfc5054(const Json& doc);
Tally check_srp_test_vectors(const Json& doc);
Tally check_srp_groups(const Json& doc);
Tally check_proton_srp(const Json& doc);
Tally check_sframe(const Json& doc);
Tally check_mls_sframe(const Json& doc);
Tally check_livekit_frames(const Json& doc);
Tally check_proton_meet_psk(const Json& doc);
Tally check_proton_meet_names(const Json& doc);
Tally check_meeting_transcript(const Json& doc);
Tally check_meeting_password_psk(const Json& doc);
Tally check_partial_membership_proofs(const Json& doc);
Tally check_partial_message_syntax(const Json& doc);
Tally check_partial_annotated_welcome(const Json& doc);
Tally check_partial_scenarios(const Json& doc);
Tally check_partial_tree_operations(const Json& doc);
Tally check_partial_annotated_commit(const Json& doc);
Tally check_partial_sender_authenticated(const Json& doc);
Tally check_mls_extensions(const Json& doc);

// Every kind Conclave knows, and the one (if any) a file is.
const std::vector<VectorKind>& vector_kinds();
const VectorKind* recognize(const std::filesystem::path& file, const Json& doc);

// One case through `check_one`; an exception is a malformed case.
template <class CheckOne>
CaseCheck run_case(const Json& item, CheckOne check_one) {
  CaseCheck check;
  try {
    check_one(item, check);
  } catch (const std::exception& e) {
    check.expect(false, std::string("malformed case: ") + e.what());
  }
  return check;
}

template <class CheckOne>
Tally check_each(const Json& cases, CheckOne check_one) {
  Tally tally;
  std::size_t index = 0;
  for (const auto& item : cases) record(tally, index++, run_case(item, check_one));
  return tally;
}

// Whether Conclave implements a partial vector case's cipher suite.
bool partial_suite_supported(const Json& item);
extern const char* const partial_suite_skip_note;

template <class Supported, class CheckOne>
Tally check_each_where(const Json& cases, Supported supported, const char* note, CheckOne check_one) {
  Tally tally;
  std::size_t index = 0;
  for (const auto& item : cases) {
    if (supported(item)) {
      record(tally, index, run_case(item, check_one));
    } else {
      ++tally.skipped;
    }
    ++index;
  }
  if (tally.skipped > 0) tally.notes.emplace_back(note);
  return tally;
}

template <class CheckOne>
Tally check_partial_each(const Json& cases, CheckOne check_one) {
  return check_each_where(cases, partial_suite_supported, partial_suite_skip_note, check_one);
}

}  // namespace conclave::vectors
