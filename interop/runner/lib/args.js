'use strict';

const path = require('path');

const DEFAULT_PROTO = path.resolve(__dirname, '../../../../shared/interop/mls_client.proto');
const USAGE = 'usage: runner.js --client name=host:port [--client ...] [--suites 1,2] [--scenario pattern] ' +
  '[--proto path] [--jobs N] [--full]';

function parseClient(value) {
  const match = /^([^=]+)=(.+:\d+)$/.exec(value ?? '');
  if (!match) throw new Error(`bad --client "${value}" (want name=host:port)\n${USAGE}`);
  return { name: match[1], address: match[2] };
}

const parseSuites = (value) => value.split(',').map((s) => Number(s.trim())).filter(Number.isInteger);

// Flags that take a value, and how each sets the arguments.
const VALUE_FLAGS = {
  '--client': (args, value) => args.clients.push(parseClient(value)),
  '--suites': (args, value) => (args.suites = parseSuites(value)),
  '--scenario': (args, value) => (args.scenario = value),
  '--proto': (args, value) => (args.proto = path.resolve(value)),
  '--jobs': (args, value) => (args.jobs = Math.max(1, Number(value) || 1)),
};

function parseArgs(argv) {
  const args = { clients: [], suites: undefined, scenario: undefined, proto: DEFAULT_PROTO, jobs: 1, full: false };
  const rest = [...argv];
  while (rest.length > 0) {
    const flag = rest.shift();
    if (flag === '--full') args.full = true;
    else if (VALUE_FLAGS[flag] && rest.length > 0) VALUE_FLAGS[flag](args, rest.shift());
    else throw new Error(`bad argument ${flag}\n${USAGE}`);
  }
  if (args.clients.length === 0) throw new Error(USAGE);
  return args;
}

module.exports = { parseArgs };
