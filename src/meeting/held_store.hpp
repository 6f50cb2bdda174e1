#pragma once

// The store a persisted participant's group writes through. The group's
// batches are held, not written, until the participant writes its own
// record: then both go in one batch (write_with), so that the stored group
// and the stored meeting state are always of the same instant, whatever
// instant a crash comes at.

#include "conclave/storage/store.hpp"

namespace conclave::meeting {

class HeldStore final : public storage::Store {
 public:
  explicit HeldStore(storage::Store& store) noexcept : store_(&store) {}

  // Reads go to the store: the group reads only when it is loaded, before
  // it holds any write.
  Result<std::optional<crypto::Secret>> get(storage::Table table, BytesView key) override;
  Result<std::vector<storage::Record>> list(storage::Table table, BytesView prefix) override;
  // Holds `batch`'s changes after those held before.
  Status apply(const storage::Batch& batch) override;

  // Writes the held changes and then `value` at `key` in `table`, in one
  // batch; nothing is held afterwards, whether it succeeded or not.
  // @errors `Errc::storage_failure` when the store cannot be written.
  Status write_with(storage::Table table, Bytes key, crypto::Secret value);

 private:
  storage::Store* store_;
  storage::Batch held_;
};

}  // namespace conclave::meeting
