#include "conclave/storage/external_psks.hpp"

namespace conclave::storage {

Status save_external_psk(Store& store, BytesView psk_id, const crypto::Secret& psk) {
  Batch batch;
  batch.put(Table::psk, Bytes(psk_id.begin(), psk_id.end()), psk.clone());
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  return {};
}

Status erase_external_psk(Store& store, BytesView psk_id) {
  Batch batch;
  batch.erase(Table::psk, Bytes(psk_id.begin(), psk_id.end()));
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  return {};
}

mls::PskLookup stored_external_psks(Store& store) {
  return [&store](const mls::PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    auto found = store.get(Table::psk, external->psk_id);
    if (!found || !*found) return std::nullopt;
    return std::move(**found);
  };
}

}  // namespace conclave::storage
