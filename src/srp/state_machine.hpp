#pragma once

// The step discipline Client and Server share. Private to the library.

#include "conclave/error.hpp"

namespace conclave::srp {

// Runs `step` only in state `from`, else fails with out_of_order and leaves
// the state alone; then moves to `to`, or to failed when the step fails or
// throws (a backend failure in the bignum arithmetic: the step may have
// wiped the password or the ephemeral secret already).
template <class State, class Step>
auto advance(State& state, State from, State to, Step&& step) -> decltype(step()) {
  if (state != from) return Errc::out_of_order;
  state = State::failed;
  auto result = step();
  if (result.ok()) state = to;
  return result;
}

}  // namespace conclave::srp
