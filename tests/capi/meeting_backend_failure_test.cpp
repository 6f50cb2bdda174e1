// Issue 24: the C API's participant calls with each checked crypto library
// call failing in turn (tests/backend_failures.hpp). A failure the C++ API
// returns gives its status and changes nothing; one it throws (hash() does,
// when the library fails) gives CONCLAVE_E_INTERNAL and retires the handle:
// every later call refuses it as dead, and it can still be freed.

#include <gtest/gtest.h>

#include <cstdint>

#include "../backend_failures.hpp"
#include "meeting_fixture.hpp"

namespace {

using meeting_test::CApiMeeting;
using meeting_test::code_of;
using meeting_test::epoch_of;

#ifdef CONCLAVE_FAULT_INJECTION

TEST_F(CApiMeeting, AThrownFailureRetiresTheParticipantsHandle) {
  const auto epoch = epoch_of(host);
  const auto code = code_of(host);
  for (std::size_t index = 0;; ++index) {
    conclave_status status = CONCLAVE_OK;
    bool reached = false;
    {
      conclave::test::ArmedBackendFailure armed(index);
      status = conclave_participant_update(host, server);
      reached = armed.reached();
    }
    ASSERT_TRUE(reached) << "the update never threw";
    ASSERT_NE(status, CONCLAVE_OK) << "with backend call " << index << " failing";
    std::uint64_t now = 0;
    if (conclave_participant_epoch(host, &now) == CONCLAVE_OK) {
      // A returned error: nothing changed, and the handle goes on.
      EXPECT_EQ(now, epoch);
      EXPECT_EQ(code_of(host), code);
      continue;
    }
    EXPECT_EQ(status, CONCLAVE_E_INTERNAL);
    EXPECT_EQ(conclave_participant_update(host, server), CONCLAVE_E_INVALID_HANDLE);
    std::uint32_t leaf = 0;
    EXPECT_EQ(conclave_participant_own_leaf(host, &leaf), CONCLAVE_E_INVALID_HANDLE);
    conclave_sync_report report{};
    EXPECT_EQ(conclave_participant_sync(host, server, &report), CONCLAVE_E_INVALID_HANDLE);
    return;  // TearDown frees the retired handle
  }
}

#else

TEST(CApiMeetingBackendFailure, NeedsFaultInjection) { GTEST_SKIP() << "needs a build with CONCLAVE_FAULT_INJECTION"; }

#endif

}  // namespace
