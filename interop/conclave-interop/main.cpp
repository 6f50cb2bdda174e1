// conclave-interop: serves the MLSClient interface of mls-implementations
// (interop/mls_client.proto) on a loopback port, for interop test runners.
//
//   conclave-interop --port N [--host ADDRESS]

#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mls_client_service.hpp"

namespace {

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "50051";
};

bool parse(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--port") {
      options.port = argv[i + 1];
    } else if (flag == "--host") {
      options.host = argv[i + 1];
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr, "usage: conclave-interop [--port N] [--host ADDRESS]\n");
    return 2;
  }
  conclave::interop::MlsClientService service;
  grpc::ServerBuilder builder;
  const std::string address = options.host + ":" + options.port;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  const auto server = builder.BuildAndStart();
  if (!server) {
    std::fprintf(stderr, "conclave-interop: cannot listen on %s\n", address.c_str());
    return 1;
  }
  std::printf("conclave-interop: listening on %s\n", address.c_str());
  std::fflush(stdout);
  server->Wait();
  return 0;
}
