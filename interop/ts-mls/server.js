'use strict';

// MLSClient gRPC server (mls_client.proto) over ts-mls, for Conclave's
// interop runs. Usage: node server.js --port N [--proto path]
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { loadMls } = require('./lib/mls');
const { unary } = require('./lib/rpc-error');
const { translate } = require('./lib/limits');

const DEFAULT_PROTO = path.resolve(__dirname, '../../../shared/interop/mls_client.proto');
const HANDLER_FILES = ['setup', 'state', 'proposals', 'commit', 'subgroups', 'external'];

function parseArgs(argv) {
  const args = { port: undefined, proto: DEFAULT_PROTO };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port') args.port = Number(value);
    else if (flag === '--proto') args.proto = path.resolve(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!Number.isInteger(args.port)) throw new Error('usage: server.js --port N [--proto path]');
  return args;
}

function loadService(protoPath) {
  const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, defaults: true });
  return grpc.loadPackageDefinition(definition).mls_client.MLSClient.service;
}

function implementation() {
  const handlers = Object.assign({}, ...HANDLER_FILES.map((file) => require(`./handlers/${file}`)));
  const answering = (fn) => async (request) => {
    try {
      return await fn(request);
    } catch (error) {
      throw translate(error);
    }
  };
  return Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, unary(name, answering(fn))]));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await loadMls();
  const server = new grpc.Server();
  server.addService(loadService(args.proto), implementation());
  server.bindAsync(`127.0.0.1:${args.port}`, grpc.ServerCredentials.createInsecure(), (error) => {
    if (error) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`ts-mls interop server on 127.0.0.1:${args.port}`);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
process.on('unhandledRejection', (error) => console.error('unhandled rejection:', error));

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
