#pragma once

// RFC 9420 sections 11 to 13: a member's view of one group, advanced one
// epoch per Commit. Every operation that can fail either succeeds whole or
// leaves the group exactly as it was.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/psk.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

// Pre-shared keys the application holds: external PSKs by id, and
// resumption PSKs of other groups (for branch and reinit). The group's own
// resumption PSKs are kept by the group itself.
using PskLookup = std::function<std::optional<crypto::Secret>(const PreSharedKeyId& id)>;

// A proposal a received Commit covers, with who proposed it.
struct ResolvedProposal {
  Proposal proposal;
  Sender sender;
};

// The application's rules for Commits it receives, checked after the
// Commit is authenticated and before anything is applied: an error refuses
// the Commit (process() returns it) and leaves the group unchanged.
// `context` is the current epoch's.
using CommitPolicy = std::function<Status(const GroupContext& context, const Sender& committer,
                                          const std::vector<ResolvedProposal>& proposals)>;

struct GroupConfig {
  SecretTreeOptions secret_tree;
  PskLookup psks;
  CommitPolicy commit_policy;
  // How many past epochs' resumption PSKs the group keeps (section 8.6).
  std::size_t resumption_psk_epochs = 8;
  // Seconds since the Unix epoch, to check KeyPackage lifetimes; unset skips.
  std::optional<std::uint64_t> now;
  // Section 5.3.1: accepts or refuses non-basic (x509) credentials.
  CredentialPolicy credentials;
};

// What processing a message produced.
struct Received {
  enum class Kind : std::uint8_t { application, proposal, commit };
  Kind kind = Kind::application;
  Sender sender;
  Bytes application_data;    // for application messages
  Bytes authenticated_data;  // the sender's, in the clear (section 6)
  bool removed = false;      // a commit that removed this member
};

// Section 12.1: how a member's proposal is framed.
struct ProposalOptions {
  // Set: a PrivateMessage, its reuse guard drawn from this source; unset: a
  // PublicMessage.
  crypto::RandomSource* encrypt_with = nullptr;
};

// Section 12.4.1: what a Commit carries and how.
struct CommitOptions {
  // New proposals from this member, committed by value.
  std::vector<Proposal> proposals;
  // Every proposal received this epoch, committed by reference.
  bool include_received = true;
  // An UpdatePath even when no proposal requires one.
  bool force_path = false;
  // The ratchet tree in the Welcome's GroupInfo (section 12.4.3.3).
  bool ratchet_tree_in_welcome = true;
  // As a PrivateMessage rather than a PublicMessage.
  bool encrypt = false;
  Bytes authenticated_data;
};

// Section 12.4.3.2: what an external Commit carries beyond its ExternalInit.
struct ExternalJoinOptions {
  // The joiner's old leaf, removed in the same Commit (a resync).
  std::optional<LeafIndex> replacing;
  // PreSharedKey proposals, by value; each PSK comes from GroupConfig::psks.
  std::vector<PreSharedKeyId> psks;
};

struct CommitOutput {
  MlsMessage commit;
  std::optional<MlsMessage> welcome;  // when the Commit adds members
};

struct GroupState;

// Sections 11.2 and 11.3: who a resumed group starts with, and how its first
// Commit is made. The Commit adds `members` and carries the resumption PSK;
// `commit.proposals` come after those.
struct Resumption {
  KeyPackageBundle self;
  std::vector<KeyPackage> members;
  GroupConfig config;
  CommitOptions commit;
};

class Group {
 public:
  // Section 12.4.3.1: joins from a Welcome. The tree comes from the
  // GroupInfo's ratchet_tree extension, or `tree` when the application
  // supplies it out of band.
  static Result<Group> join(const Welcome& welcome, const KeyPackage& key_package,
                            KeyPackageKeys keys, const std::optional<RatchetTreeNodes>& tree,
                            GroupConfig config);

  // Section 11: a one-member group of the creator, from its KeyPackage.
  static Result<Group> create(const CipherSuite& suite, Bytes group_id, KeyPackageBundle creator,
                              ExtensionList extensions, GroupConfig config,
                              crypto::RandomSource& random);

  // Section 12.4.3.2: joins by an external Commit, from a GroupInfo with
  // external_pub. The Group is in the new epoch; the Commit goes to the
  // group. unknown_psk for a PSK that GroupConfig::psks does not give.
  struct ExternalJoin;
  static Result<ExternalJoin> join_external(const GroupInfo& info, KeyPackageBundle joiner,
                                            const std::optional<RatchetTreeNodes>& tree,
                                            GroupConfig config, crypto::RandomSource& random,
                                            const ExternalJoinOptions& options = {});

  // The whole state, to persist and reload (not while a Commit is
  // pending). It holds every secret of the epoch: store it as such.
  Result<crypto::Secret> serialize() const;
  static Result<Group> deserialize(BytesView stored, GroupConfig config);

  Group(Group&&) noexcept;
  Group& operator=(Group&&) noexcept;
  ~Group();

  // Section 6 and 12: an application message, a proposal (kept for a later
  // Commit to reference) or a Commit (applied, atomically).
  Result<Received> process(const MlsMessage& message);

  const CipherSuite& suite() const noexcept;
  const GroupContext& context() const noexcept;
  std::uint64_t epoch() const noexcept;
  LeafIndex own_leaf() const noexcept;
  // While a Commit is pending, the tree it makes.
  const RatchetTree& tree() const noexcept;
  // Section 8.7.
  BytesView epoch_authenticator() const noexcept;
  // Section 8.5: MLS-Exporter(label, context, length).
  Result<crypto::Secret> export_secret(std::string_view label, BytesView context,
                                       std::size_t length) const;

  // Section 12.1.2: an Update of this member's leaf (fresh encryption key),
  // kept with its private key until a Commit covers it.
  Result<MlsMessage> propose_update(crypto::RandomSource& random, const ProposalOptions& options = {});

  // Section 11.3: a subgroup in this group's suite, its first Commit
  // carrying a resumption PSK of usage branch. The Welcome goes to the
  // members.
  struct Resumed;
  Result<Resumed> branch(Bytes group_id, ExtensionList extensions, Resumption resumption,
                         crypto::RandomSource& random) const;
  // Section 11.2: the group the committed ReInit describes, its first
  // Commit carrying a resumption PSK of usage reinit; invalid_argument
  // before a ReInit is committed.
  Result<Resumed> reinitialize(Resumption resumption, crypto::RandomSource& random) const;
  // The committed ReInit, once the group may no longer be used.
  const ReInit* pending_reinit() const noexcept;
  // This group's resumption PSKs (the current epoch's and the kept past
  // ones), for joining a group resumed from it.
  PskLookup resumption_psks() const;

  // Section 12.4.3: this epoch's GroupInfo, signed by this member, with
  // external_pub (for external joins) and optionally the ratchet tree.
  Result<MlsMessage> group_info(bool with_tree) const;

  // Section 12.1: a proposal from this member; it is kept for a later
  // Commit like any proposal received.
  Result<MlsMessage> propose(Proposal proposal, const ProposalOptions& options = {});

  // Section 12.4.1: a Commit, staged. The group stays in the current epoch
  // until merge_pending_commit() (once the delivery service has accepted
  // the Commit) or discard_pending_commit(); nothing else may be sent or
  // processed meanwhile.
  Result<CommitOutput> commit(const CommitOptions& options, crypto::RandomSource& random);
  Status merge_pending_commit();
  void discard_pending_commit();
  bool has_pending_commit() const noexcept;

  // Section 6.3: an application message from this member.
  Result<MlsMessage> protect(BytesView application_data, BytesView authenticated_data,
                             crypto::RandomSource& random);

 private:
  explicit Group(std::unique_ptr<GroupState> state) noexcept;
  Result<Resumed> resume(ResumptionPskUsage usage, const CipherSuite& suite, Bytes group_id,
                         ExtensionList extensions, Resumption resumption,
                         crypto::RandomSource& random) const;
  std::unique_ptr<GroupState> state_;
};

struct Group::Resumed {
  Group group;
  MlsMessage welcome;
};

struct Group::ExternalJoin {
  Group group;
  MlsMessage commit;
};

}  // namespace conclave::mls
