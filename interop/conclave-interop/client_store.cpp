#include "client_store.hpp"

#include <string>

#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

std::uint32_t ClientStore::insert(Entry entry) {
  const std::uint32_t id = next_id_++;
  entries_.emplace(id, std::move(entry));
  return id;
}

std::uint32_t ClientStore::add(Member member) { return insert(std::move(member)); }
std::uint32_t ClientStore::add(Transaction transaction) { return insert(std::move(transaction)); }
std::uint32_t ClientStore::add(ExternalSigner signer) { return insert(std::move(signer)); }
std::uint32_t ClientStore::add(Reinitialization reinitialization) {
  return insert(std::move(reinitialization));
}

template <class T>
T& ClientStore::get(std::uint32_t id) {
  const auto found = entries_.find(id);
  T* entry = found == entries_.end() ? nullptr : std::get_if<T>(&found->second);
  if (entry == nullptr) fail(grpc::StatusCode::NOT_FOUND, "no such id: " + std::to_string(id));
  return *entry;
}

Member& ClientStore::member(std::uint32_t id) { return get<Member>(id); }
Transaction& ClientStore::transaction(std::uint32_t id) { return get<Transaction>(id); }
const ExternalSigner& ClientStore::signer(std::uint32_t id) { return get<ExternalSigner>(id); }
Reinitialization& ClientStore::reinitialization(std::uint32_t id) { return get<Reinitialization>(id); }

const PskStore& ClientStore::psks(std::uint32_t id) {
  const auto found = entries_.find(id);
  if (found != entries_.end()) {
    if (const auto* member = std::get_if<Member>(&found->second)) return member->psks;
    if (const auto* transaction = std::get_if<Transaction>(&found->second)) return transaction->psks;
  }
  fail(grpc::StatusCode::NOT_FOUND, "no state or transaction: " + std::to_string(id));
}

void ClientStore::erase(std::uint32_t id) { entries_.erase(id); }

PskStore new_psk_store() { return std::make_shared<std::map<std::string, crypto::Secret>>(); }

void store_psk(const PskStore& psks, const std::string& id, const std::string& secret) {
  psks->insert_or_assign(id, crypto::Secret(view(secret)));
}

mls::GroupConfig group_config(const PskStore& psks, mls::PskLookup more) {
  mls::GroupConfig config;
  config.psks = [psks, more = std::move(more)](const mls::PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    if (const auto* external = id.psk.get_if<mls::ExternalPskId>()) {
      const auto found = psks->find(std::string(external->psk_id.begin(), external->psk_id.end()));
      if (found != psks->end()) return found->second.clone();
    }
    return more ? more(id) : std::nullopt;
  };
  // The test runner plays the application (RFC 9420 section 12.1.8): every
  // valid proposal from a new member or an external sender that it has a
  // client process is one it means to be committed.
  config.external_proposals = [](const mls::GroupContext&, const mls::Sender&, const mls::Proposal&) {
    return conclave::Status();
  };
  return config;
}

}  // namespace conclave::interop
