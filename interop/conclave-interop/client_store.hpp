#pragma once

// Everything the service keeps between calls, by id: group states,
// KeyPackages awaiting a Welcome (transactions), external signers and
// groups awaiting their reinitialization. One counter numbers them all, so
// StorePSK can take any of the first two.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <variant>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"

namespace conclave::interop {

// The external PSKs StorePSK gave a state or transaction, shared with the
// lookup of the group that state becomes.
// Keyed by the PSK id's bytes.
using PskStore = std::shared_ptr<std::map<std::string, crypto::Secret>>;

struct Member {
  mls::Group group;
  bool encrypt_handshake = false;
  PskStore psks;
  // This epoch's proposals made here: the group holds them already.
  std::set<std::string> own_proposals;
};

struct Transaction {
  mls::KeyPackageBundle bundle;
  PskStore psks;
};

struct ExternalSigner {
  mls::CipherSuiteId suite{};
  crypto::Secret signature_key;
};

// A group whose ReInit was committed, and this member's KeyPackage for
// the new group.
struct Reinitialization {
  std::uint32_t state_id = 0;
  mls::KeyPackageBundle bundle;
};

class ClientStore {
 public:
  std::uint32_t add(Member member);
  std::uint32_t add(Transaction transaction);
  std::uint32_t add(ExternalSigner signer);
  std::uint32_t add(Reinitialization reinitialization);

  // NOT_FOUND for an unknown id.
  Member& member(std::uint32_t id);
  Transaction& transaction(std::uint32_t id);
  const ExternalSigner& signer(std::uint32_t id);
  Reinitialization& reinitialization(std::uint32_t id);
  // The PSKs of a state or a transaction.
  const PskStore& psks(std::uint32_t id);

  void erase(std::uint32_t id);
  // Held for the whole of each call.
  std::mutex& mutex() noexcept { return mutex_; }

 private:
  using Entry = std::variant<Member, Transaction, ExternalSigner, Reinitialization>;
  std::uint32_t insert(Entry entry);
  template <class T>
  T& get(std::uint32_t id);

  std::mutex mutex_;
  std::uint32_t next_id_ = 1;
  std::map<std::uint32_t, Entry> entries_;
};

PskStore new_psk_store();
void store_psk(const PskStore& psks, const std::string& id, const std::string& secret);
// A group's configuration: external PSKs from `psks`, then `more` (another
// group's resumption PSKs, for a branch or reinit); every valid proposal
// from outside the group accepted.
mls::GroupConfig group_config(const PskStore& psks, mls::PskLookup more = {});

}  // namespace conclave::interop
