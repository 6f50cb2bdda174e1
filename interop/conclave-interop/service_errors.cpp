#include "service_errors.hpp"

#include <exception>

namespace conclave::interop {

void fail(grpc::StatusCode code, std::string message) { throw RpcFailure(code, std::move(message)); }

void fail(std::string_view step, Errc code) {
  fail(grpc::StatusCode::INVALID_ARGUMENT, std::string(step) + ": " + std::string(to_string(code)));
}

grpc::Status guarded(const std::function<void()>& handler) {
  try {
    handler();
    return grpc::Status::OK;
  } catch (const RpcFailure& failure) {
    return failure.status();
  } catch (const BadResultAccess& error) {
    return {grpc::StatusCode::INTERNAL, "unchecked result: " + std::string(to_string(error.code()))};
  } catch (const std::exception& error) {
    return {grpc::StatusCode::INTERNAL, error.what()};
  }
}

}  // namespace conclave::interop
