'use strict';

// Waits until an MLSClient server answers Name; prints the name.
// Usage: node wait-name.js host:port [seconds] [--proto path]
const path = require('path');
const { loadClientClass, connect, call, close } = require('./lib/client');

const DEFAULT_PROTO = path.resolve(__dirname, '../../../shared/interop/mls_client.proto');

async function main() {
  const [address, seconds = '20', flag, protoPath] = process.argv.slice(2);
  const proto = flag === '--proto' ? path.resolve(protoPath) : DEFAULT_PROTO;
  const client = connect(loadClientClass(proto), address, address);
  const deadline = Date.now() + Number(seconds) * 1000;
  while (Date.now() < deadline) {
    const answer = await call(client, 'Name').catch(() => undefined);
    if (answer) {
      console.log(answer.name);
      close(client);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  close(client);
  console.error(`${address} did not answer Name within ${seconds} s`);
  process.exitCode = 1;
}

main();
