#include "committer_turn.hpp"

#include <map>

namespace conclave::tools {

namespace {

// Each leaf of the reference's epoch, to the member that holds it.
std::map<std::uint32_t, std::size_t> members_by_leaf(const std::vector<meeting::Participant>& members) {
  std::map<std::uint32_t, std::size_t> by_leaf;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!members[i].removed()) by_leaf[members[i].own_leaf()] = i;
  }
  return by_leaf;
}

}  // namespace

std::vector<std::size_t> ranked_members(const std::vector<meeting::Participant>& members, std::size_t reference) {
  auto schedule = meeting::CommitterSchedule::of(members[reference].group());
  if (!schedule) return {};
  const auto by_leaf = members_by_leaf(members);
  std::vector<std::size_t> ranked;
  for (const auto leaf : schedule->order()) {
    const auto found = by_leaf.find(leaf);
    if (found != by_leaf.end()) ranked.push_back(found->second);
  }
  return ranked;
}

std::optional<CommitterTurn> committer_turn(const std::vector<meeting::Participant>& members, std::size_t reference,
                                            const std::function<bool(std::size_t)>& absent,
                                            std::chrono::milliseconds step) {
  auto schedule = meeting::CommitterSchedule::of(members[reference].group(), step);
  if (!schedule) return std::nullopt;
  const auto by_leaf = members_by_leaf(members);
  const auto& order = schedule->order();
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const auto found = by_leaf.find(order[rank]);
    if (found == by_leaf.end() || absent(found->second)) continue;
    return CommitterTurn{found->second, *schedule->wait(order[rank]), rank};
  }
  return std::nullopt;
}

}  // namespace conclave::tools
