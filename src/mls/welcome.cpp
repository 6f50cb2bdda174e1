#include "conclave/mls/welcome.hpp"

namespace conclave::mls {

namespace {

struct GroupInfoTbs {
  const GroupInfo& info;
  CONCLAVE_FIELDS(info.group_context, info.extensions, info.confirmation_tag, info.signer)
};

}  // namespace

Bytes group_info_tbs(const GroupInfo& group_info) {
  return codec::encode(GroupInfoTbs{group_info});
}

}  // namespace conclave::mls
