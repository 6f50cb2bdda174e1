#pragma once

// How the service turns Conclave's errors into gRPC status codes: a handler
// stops at the first failure by throwing RpcFailure, and guarded() turns it
// (or any other exception) into the call's status, so no input can take the
// server down.

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <utility>

#include "conclave/error.hpp"

namespace conclave::interop {

class RpcFailure {
 public:
  RpcFailure(grpc::StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  grpc::Status status() const { return {code_, message_}; }

 private:
  grpc::StatusCode code_;
  std::string message_;
};

[[noreturn]] void fail(grpc::StatusCode code, std::string message);
// INVALID_ARGUMENT naming the step and Conclave's error code.
[[noreturn]] void fail(std::string_view step, Errc code);

template <class T>
T take(Result<T> result, std::string_view step) {
  if (!result) fail(step, result.error());
  return std::move(*result);
}

inline void take(const Status& status, std::string_view step) {
  if (!status) fail(step, status.error());
}

// Runs a handler; every failure becomes the returned status.
grpc::Status guarded(const std::function<void()>& handler);

}  // namespace conclave::interop
