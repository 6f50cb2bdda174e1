// A persisted participant's meeting record (meeting::StoredParticipant)
// with one malformed field: each is refused as Errc::storage_corrupt when the
// participant loads, and the same record with the field well formed loads.

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/storage/memory_store.hpp"
#include "adversary/adversary_fixtures.hpp"
#include "meeting/participant_record.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::status_of;
using meeting::Participant;
using meeting::StoredAnnouncedLink;
using meeting::StoredParticipant;

// The announced link: the current one's fields, which load as a link.
StoredAnnouncedLink announced_copy(const StoredParticipant& record) {
  return {record.url.clone(), record.meeting_password.clone(), record.psk.clone(), record.session_key.clone()};
}

using Corruption = std::function<void(StoredParticipant&)>;

class MeetingRecordTest : public conclave::test::AdversaryFixture {
 protected:
  void SetUp() override {
    admit({"Ann"});
    ASSERT_TRUE(is_ok(members[1].persist(store)));
    auto stored = store.get(storage::Table::meeting, group_id());
    ASSERT_TRUE(is_ok(stored) && stored->has_value());
    auto decoded = codec::decode<StoredParticipant>((*stored)->view());
    ASSERT_TRUE(is_ok(decoded));
    ASSERT_EQ(decoded->format, meeting::record_format);
    record = std::move(*decoded);
  }

  Bytes group_id() const { return members[0].group().context().group_id; }

  // Ann's record with `change` made to it, loaded.
  Status load_with(const Corruption& change) {
    StoredParticipant changed = codec::decode<StoredParticipant>(codec::encode_secret(record).view()).value();
    change(changed);
    storage::Batch batch;
    batch.put(storage::Table::meeting, group_id(), codec::encode_secret(changed));
    if (auto written = store.apply(batch); !written) return written;
    auto loaded = Participant::load(store, group_id(), profile, random);
    return status_of(loaded);
  }

  storage::MemoryStore store;
  StoredParticipant record;
};

TEST_F(MeetingRecordTest, EachMalformedFieldIsStorageCorrupt) {
  const crypto::Secret short_key(Bytes(31, 0x11));
  const std::vector<std::pair<std::string, Corruption>> corruptions{
      {"session key", [&](StoredParticipant& r) { r.session_key = short_key.clone(); }},
      {"link", [](StoredParticipant& r) { r.url = crypto::Secret(as_bytes(std::string("https://meet.example/x"))); }},
      {"password PSK", [](StoredParticipant& r) { r.psk = crypto::Secret(Bytes(r.psk.size() - 1, 0x22)); }},
      {"announced link",
       [](StoredParticipant& r) {
         r.announced = announced_copy(r);
         r.announced->url = crypto::Secret(as_bytes(std::string("not a link")));
       }},
      {"announced session key",
       [&](StoredParticipant& r) {
         r.announced = announced_copy(r);
         r.announced->session_key = short_key.clone();
       }},
      {"earlier session key", [&](StoredParticipant& r) { r.earlier_session_keys.push_back(short_key.clone()); }},
      {"removed flag", [](StoredParticipant& r) { r.removed = 2; }},
      {"stranded flag", [](StoredParticipant& r) { r.stranded = 2; }},
      {"post in flight", [](StoredParticipant& r) { r.in_flight = Bytes(31, 0x33); }},
      {"own post before the cursor",
       [](StoredParticipant& r) {
         r.cursor = 5;
         r.own_posts = {5, 4};
       }},
  };
  for (const auto& [field, corrupt] : corruptions) {
    EXPECT_TRUE(fails_with(load_with(corrupt), Errc::storage_corrupt)) << field;
  }
}

// The same fields well formed: the record loads, so each refusal above is
// its field's.
TEST_F(MeetingRecordTest, TheSameFieldsWellFormedLoad) {
  const Corruption well_formed = [](StoredParticipant& r) {
    r.announced = announced_copy(r);
    r.earlier_session_keys.push_back(r.session_key.clone());
    r.removed = 1;
    r.stranded = 1;
    r.in_flight = Bytes(32, 0x33);
    r.own_posts = {r.cursor, r.cursor + 2};
  };
  EXPECT_TRUE(is_ok(load_with(well_formed)));
  auto loaded = Participant::load(store, group_id(), profile, random);
  ASSERT_TRUE(is_ok(loaded));
  EXPECT_TRUE(loaded->removed());
}

}  // namespace
