#include "conclave/storage/encrypted_store.hpp"

namespace conclave::storage {

namespace {

constexpr std::uint8_t sealed_format = 1;

// The additional data: a label, the table, then the key (last, so no length
// is needed).
Bytes associated_data(Table table, BytesView key) {
  const Bytes table_byte{static_cast<std::uint8_t>(table)};
  return concat({as_bytes("conclave storage record v1"), table_byte, key});
}

}  // namespace

Result<EncryptedStore> EncryptedStore::create(Store& inner, crypto::Secret key,
                                              crypto::RandomSource& random) {
  if (key.size() != key_size) return Errc::invalid_length;
  auto aead = crypto::Aead::find(crypto::AeadId::chacha20_poly1305);
  if (!aead) return aead.error();
  return EncryptedStore(inner, std::move(key), *aead, random);
}

EncryptedStore::EncryptedStore(Store& inner, crypto::Secret key, crypto::Aead aead,
                               crypto::RandomSource& random) noexcept
    : inner_(&inner), key_(std::move(key)), aead_(aead), random_(&random) {}

Result<crypto::Secret> EncryptedStore::seal(Table table, BytesView key, BytesView value) const {
  Bytes nonce(aead_.nonce_size());
  random_->fill(nonce);
  auto ciphertext = aead_.seal(key_.view(), nonce, associated_data(table, key), value);
  if (!ciphertext) return ciphertext.error();
  const Bytes format{sealed_format};
  return crypto::Secret(concat({format, nonce, *ciphertext}));
}

Result<crypto::Secret> EncryptedStore::open(Table table, BytesView key, BytesView sealed) const {
  const std::size_t header = 1 + aead_.nonce_size();
  if (sealed.size() < header + aead_.tag_size() || sealed[0] != sealed_format) {
    return Errc::storage_corrupt;
  }
  auto plaintext = aead_.open(key_.view(), sealed.subspan(1, aead_.nonce_size()),
                              associated_data(table, key), sealed.subspan(header));
  if (!plaintext) return Errc::storage_corrupt;
  crypto::Secret value(*plaintext);
  crypto::secure_zero(*plaintext);
  return value;
}

Result<std::optional<crypto::Secret>> EncryptedStore::get(Table table, BytesView key) {
  auto sealed = inner_->get(table, key);
  if (!sealed || !*sealed) return sealed;
  auto value = open(table, key, (*sealed)->view());
  if (!value) return value.error();
  return std::optional<crypto::Secret>{std::move(*value)};
}

Result<std::vector<Record>> EncryptedStore::list(Table table, BytesView prefix) {
  auto records = inner_->list(table, prefix);
  if (!records) return records;
  for (auto& record : *records) {
    auto value = open(table, record.key, record.value.view());
    if (!value) return value.error();
    record.value = std::move(*value);
  }
  return records;
}

Status EncryptedStore::apply(const Batch& batch) {
  Batch sealed;
  for (const auto& operation : batch.operations()) {
    switch (operation.kind) {
      case Batch::Operation::Kind::put: {
        auto value = seal(operation.table, operation.key, operation.value.view());
        if (!value) return value.error();
        sealed.put(operation.table, operation.key, std::move(*value));
        break;
      }
      case Batch::Operation::Kind::erase:
        sealed.erase(operation.table, operation.key);
        break;
      case Batch::Operation::Kind::erase_prefix:
        sealed.erase_prefix(operation.table, operation.key);
        break;
    }
  }
  return inner_->apply(sealed);
}

}  // namespace conclave::storage
