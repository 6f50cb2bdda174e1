'use strict';

// MLS interop test runner over MLSClient gRPC servers (mls_client.proto).
// See spec-notes/interop.md for the contract and the scenarios.
const { parseArgs } = require('./lib/args');
const { loadClientClass, connect, call, waitReady, close } = require('./lib/client');
const { loadScenarios, plan } = require('./lib/plan');
const { execute } = require('./lib/execute');

async function commonSuites(clients) {
  const lists = [];
  for (const client of clients) lists.push((await call(client, 'SupportedCiphersuites')).ciphersuites);
  return lists.reduce((common, list) => common.filter((suite) => list.includes(suite)));
}

async function connectAll(args) {
  const ClientClass = loadClientClass(args.proto);
  const clients = args.clients.map(({ name, address }) => connect(ClientClass, name, address));
  for (const client of clients) await waitReady(client, 10);
  return clients;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const clients = await connectAll(args);
  const suites = args.suites ?? (await commonSuites(clients));
  const runs = plan(loadScenarios(args.scenario), suites, clients, { full: args.full });
  const tally = await execute(runs, args.jobs);
  console.log(`interop: ${tally.PASS} passed, ${tally.FAIL} failed, ${tally.SKIP} skipped`);
  clients.forEach(close);
  process.exitCode = tally.FAIL > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
