#pragma once

/// @file
/// draft-ietf-mls-extensions "Updating Application Data in the GroupContext"
/// and "Attaching Application Data to a Commit": the application's logic
/// for its components, which MLS calls to apply AppDataUpdate proposals and
/// to accept AppEphemeral ones.

#include <functional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/proposal.hpp"

namespace conclave::mls {

/// One AppDataUpdate `update` of a Commit, with the proposal's sender.
struct ProposedUpdate {
  Sender sender;     ///< Who proposed it (the committer for one by value).
  BytesView update;  ///< The update's data.
};

/// The application's components, as every member (and a delivery service
/// following the group, PublicGroup) must know them alike. MLS calls
/// `update` and `ephemeral` when it checks a proposal on receipt, when it
/// chooses the proposals of this member's Commit (one the logic refuses is
/// left out, as RFC 9420 section 12.4.1 leaves out invalid proposals), and
/// when it applies a Commit: each must be a pure function of its
/// arguments, so that every member decides alike. On receipt of a Commit,
/// an error either returns refuses it with that error (Group::process(),
/// PublicGroup::process()).
struct ComponentLogic {
  /// The components the application knows: an AppDataUpdate or AppEphemeral
  /// for any other is invalid.
  std::vector<ComponentId> known;
  /// A component's new data from its current data (null when the
  /// GroupContext has none) and the Commit's updates for it, in order; an
  /// error makes the proposal list invalid. Unset refuses every update.
  std::function<Result<Bytes>(ComponentId component, const Bytes* current,
                              const std::vector<ProposedUpdate>& updates)>
      update;
  /// Accepts or refuses one AppEphemeral's data; an error makes the proposal
  /// list invalid. Unset refuses every AppEphemeral.
  std::function<Status(ComponentId component, const Sender& sender, BytesView data)> ephemeral;
};

/// "Attaching Application Data to a Commit": an AppEphemeral of a Commit
/// this member processed, which every member processing the Commit sees
/// alike (Received::app_ephemerals).
struct CommittedEphemeral {
  Sender sender;           ///< Who proposed it (the committer for one by value).
  AppEphemeral proposal;   ///< The component and its data.
};

}  // namespace conclave::mls
