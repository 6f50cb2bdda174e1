#include "credential_succession.hpp"

namespace conclave::mls {

Status check_successor(const GroupConfig& config, const Credential& previous, const Credential& next) {
  if (previous == next) return {};
  if (config.credential_successor) return config.credential_successor(previous, next);
  return Errc::credential_rejected;
}

}  // namespace conclave::mls
