#include "credential_succession.hpp"

namespace conclave::mls {

Status check_successor(const GroupConfig& config, const Credential& previous, const Credential& next) {
  if (config.credential_successor) return config.credential_successor(previous, next);
  if (previous == next) return {};
  return Errc::credential_rejected;
}

}  // namespace conclave::mls
