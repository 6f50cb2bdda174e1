// Loads carol, the member of group_fuzz_setup.hpp, from a store whose
// records the input has changed: records erased, values replaced or
// damaged, records added. Group::load() must give a typed error or a group
// that goes on: processing Alice's next message and sending one of its own.
// A crash, a hang or an allocation beyond the budget is a finding.
//
// Input: a list of changes, each `table, kind, index` bytes, then for a
// replaced or added record a one-byte length and that many bytes.

#include <cstdint>
#include <vector>

#include "conclave/storage/memory_store.hpp"
#include "group_fuzz_setup.hpp"

namespace {

using namespace conclave;

constexpr int tables = 7;

struct BaseRecord {
  storage::Table table;
  Bytes key;
  Bytes value;
};

struct Setup {
  fuzz::GroupFuzzSetup group = fuzz::make_group_fuzz_setup();
  std::vector<BaseRecord> records;
  Bytes group_id;
  mls::MlsMessage from_alice;
};

Setup make_setup() {
  Setup setup;
  mls::Group carol = setup.group.carol();
  setup.group_id = carol.context().group_id;
  storage::MemoryStore store;
  (void)carol.persist(store);
  for (int table = 0; table < tables; ++table) {
    auto records = store.list(static_cast<storage::Table>(table), {});
    for (auto& record : *records) {
      const BytesView value = record.value.view();
      setup.records.push_back({static_cast<storage::Table>(table), std::move(record.key), Bytes(value.begin(), value.end())});
    }
  }
  crypto::DeterministicRandom random(as_bytes("storage fuzz"));
  setup.from_alice = std::move(*setup.group.alice.protect(as_bytes("hello"), {}, random));
  return setup;
}

// Reads the input's next change into `batch`; false once the input ends.
bool next_change(const Setup& setup, BytesView& input, storage::Batch& batch) {
  if (input.size() < 3) return false;
  const auto table = static_cast<storage::Table>(input[0] % tables);
  const std::uint8_t kind = input[1] % 4;
  const BaseRecord& target = setup.records[input[2] % setup.records.size()];
  input = input.subspan(3);
  Bytes bytes;
  if (kind != 0 && !input.empty()) {
    const std::size_t length = std::min<std::size_t>(input[0], input.size() - 1);
    bytes.assign(input.begin() + 1, input.begin() + 1 + static_cast<std::ptrdiff_t>(length));
    input = input.subspan(1 + length);
  }
  switch (kind) {
    case 0: batch.erase(target.table, target.key); break;
    case 1: batch.put(target.table, target.key, crypto::Secret(bytes)); break;
    case 2: {
      Bytes damaged = target.value;
      for (std::size_t i = 0; i < bytes.size() && !damaged.empty(); ++i) damaged[(bytes[i] * 7u + i) % damaged.size()] ^= bytes[i];
      batch.put(target.table, target.key, crypto::Secret(damaged));
      break;
    }
    default: {
      Bytes key = target.key;
      key.insert(key.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
      batch.put(table, std::move(key), crypto::Secret(BytesView(bytes).subspan(bytes.size() / 2)));
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Setup setup = make_setup();
  storage::MemoryStore store;
  storage::Batch base;
  for (const auto& record : setup.records) base.put(record.table, record.key, crypto::Secret(record.value));
  (void)store.apply(base);
  BytesView input(data, size);
  storage::Batch changes;
  while (next_change(setup, input, changes)) {
  }
  (void)store.apply(changes);
  auto carol = mls::Group::load(store, setup.group_id, {});
  if (!carol) return 0;
  (void)carol->process(setup.from_alice);
  crypto::DeterministicRandom random(as_bytes("carol"));
  (void)carol->protect(as_bytes("reply"), {}, random);
  return 0;
}
