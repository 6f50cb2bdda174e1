// conclave-interop: serves the MLSClient interface of mls-implementations
// (interop/mls_client.proto) on a loopback port, for interop test runners.
//
//   conclave-interop --port N [--host ADDRESS]

#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/options.hpp"
#include "mls_client_service.hpp"

namespace {

struct Options {
  std::string host = "127.0.0.1";
  std::string port = "50051";
};

constexpr conclave::tools::Usage usage{
    "conclave-interop", "conclave-interop [--port N] [--host ADDRESS]",
    "Serves the MLSClient gRPC interface of mls-implementations (interop/mls_client.proto) over Conclave's\n"
    "MLS on ADDRESS (default 127.0.0.1) and port N (default 50051), for interop test runners (interop/run).\n"
    "Exits with 1 when it cannot listen, 2 for bad arguments."};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag != "--port" && flag != "--host") conclave::tools::common_option(usage, flag);
    if (i + 1 >= argc) conclave::tools::usage_error(usage, "missing value after " + std::string(flag));
    (flag == "--port" ? options.port : options.host) = argv[++i];
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
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
