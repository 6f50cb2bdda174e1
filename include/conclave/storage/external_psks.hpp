#pragma once

/// @file
/// RFC 9420 section 8.4: external pre-shared keys kept in a Store, and a
/// mls::PskLookup that reads them for a group (GroupConfig::psks).

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::storage {

/// Keeps the external PSK `psk` under its psk_id, replacing any kept there.
/// @param store Where to keep it (Table::psk).
/// @param psk_id The application's name for the PSK (ExternalPskId::psk_id).
/// @param psk Its value.
/// @errors `Errc::storage_failure` when the store cannot be written.
Status save_external_psk(Store& store, BytesView psk_id, const crypto::Secret& psk);

/// Forgets the external PSK kept under `psk_id`, if any.
/// @param store Where it is kept.
/// @param psk_id Its name.
/// @errors `Errc::storage_failure` when the store cannot be written.
Status erase_external_psk(Store& store, BytesView psk_id);

/// A lookup giving the external PSKs kept in `store` (and nothing for
/// resumption PSKs, or when the store cannot be read or holds a record that
/// does not decode). `store` must outlive the lookup.
/// @param store Where the PSKs are kept.
mls::PskLookup stored_external_psks(Store& store);

}  // namespace conclave::storage
