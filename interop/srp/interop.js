// Conclave's SRP-6a (RFC 5054, RFC 2945 proofs) against fast-srp-hap, an
// independent implementation: fast-srp-hap's client against Conclave's
// server and Conclave's client against fast-srp-hap's server, at 2048 and
// 3072 bits with SHA-256. Both sides must agree on v, K, M1 and M2; a wrong
// password or a tampered proof must fail on both. Conclave's side is the
// conclave-srp tool (tools/conclave-srp), driven over its line protocol.
//
//   node interop.js path/to/conclave-srp
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const readline = require('node:readline');
const { SRP, SrpClient, SrpServer } = require('fast-srp-hap');

const tool = process.argv[2];
const sizes = [2048, 3072];
const hash = 'sha256';
const rounds = 6; // fresh secrets each time, so leading zero bytes get their chance
const identity = Buffer.from('alice@example.org');

// Every conclave-srp process started, so none outlives its case.
const started = [];

function finishStarted() {
  for (const child of started.splice(0)) {
    child.stdin.end();
    if (child.exitCode === null) child.kill();
  }
}

// One run of conclave-srp, read a line at a time.
class Conclave {
  constructor(args) {
    this.child = spawn(tool, args.map(String), { stdio: ['pipe', 'pipe', 'inherit'] });
    started.push(this.child);
    this.lines = [];
    this.waiting = [];
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.deliver(line));
    this.child.on('close', () => this.deliver(null));
  }

  deliver(line) {
    const waiter = this.waiting.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  nextLine() {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  // The hex fields of the next line, which must carry `tag`.
  async read(tag) {
    const line = await this.nextLine();
    const [got, ...fields] = (line ?? 'closed').split(' ');
    if (got !== tag) throw new Error(`conclave-srp said "${line}", expected ${tag}`);
    return fields.map((field) => Buffer.from(field, 'hex'));
  }

  write(tag, ...fields) {
    this.child.stdin.write([tag, ...fields.map((field) => field.toString('hex'))].join(' ') + '\n');
  }

  // The "error ..." line a refusal ends with.
  async refusal() {
    const line = await this.nextLine();
    if (!line || !line.startsWith('error ')) throw new Error(`expected a refusal, got "${line}"`);
    return line.slice('error '.length);
  }
}

function paramsFor(bits) {
  return { ...SRP.params[bits], hash };
}

function sameBytes(a, b, what) {
  if (!a.equals(b)) throw new Error(`${what} differs: ${a.toString('hex')} / ${b.toString('hex')}`);
}

async function conclaveVerifier(bits, salt, password) {
  const [v] = await new Conclave(['verifier', bits, hash, identity, password, salt.toString('hex')]).read('v');
  return v;
}

// fast-srp-hap as client, Conclave as server (verifier from fast-srp-hap).
async function fastClientConclaveServer(bits, { attempted, tamperM1 = false } = {}) {
  const params = paramsFor(bits);
  const salt = crypto.randomBytes(16);
  const password = Buffer.from(crypto.randomBytes(12).toString('base64'));
  const verifier = SRP.computeVerifier(params, salt, identity, password);
  sameBytes(await conclaveVerifier(bits, salt, password), verifier, 'v');
  const server = new Conclave(['server', bits, hash, identity, salt.toString('hex'), verifier.toString('hex')]);
  const [echoedSalt, B] = await server.read('B');
  sameBytes(echoedSalt, salt, 'salt');
  const client = new SrpClient(params, salt, identity, attempted ?? password, await SRP.genKey(32));
  server.write('A', client.computeA());
  client.setB(B);
  const M1 = Buffer.from(client.computeM1());
  if (tamperM1) M1[0] ^= 1;
  server.write('M1', M1);
  if (attempted || tamperM1) return server.refusal();
  const [M2] = await server.read('M2');
  client.checkM2(M2);
  const [K] = await server.read('K');
  sameBytes(K, client.computeK(), 'K');
  return 'agreed';
}

// Conclave as client, fast-srp-hap as server (verifier from Conclave).
async function conclaveClientFastServer(bits, { attempted, tamperM2 = false } = {}) {
  const params = paramsFor(bits);
  const salt = crypto.randomBytes(16);
  const password = Buffer.from(crypto.randomBytes(12).toString('base64'));
  const verifier = await conclaveVerifier(bits, salt, password);
  sameBytes(verifier, SRP.computeVerifier(params, salt, identity, password), 'v');
  const client = new Conclave(['client', bits, hash, identity, attempted ?? password]);
  const [A] = await client.read('A');
  const server = new SrpServer(params, { username: identity, salt, verifier }, await SRP.genKey(32));
  client.write('B', salt, server.computeB());
  const [M1] = await client.read('M1');
  server.setA(A);
  if (attempted) {
    try {
      server.checkM1(M1);
    } catch (error) {
      return `fast-srp-hap refused M1: ${error.message}`;
    }
    throw new Error('fast-srp-hap accepted M1 from a wrong password');
  }
  server.checkM1(M1);
  const M2 = Buffer.from(server.computeM2());
  if (tamperM2) M2[M2.length - 1] ^= 0x80;
  client.write('M2', M2);
  if (tamperM2) return client.refusal();
  const [K] = await client.read('K');
  sameBytes(K, server.computeK(), 'K');
  return 'agreed';
}

async function main() {
  const cases = [];
  for (const bits of sizes) {
    for (let round = 0; round < rounds; round++) {
      cases.push([`${bits} fast-srp-hap client -> Conclave server #${round}`, () => fastClientConclaveServer(bits)]);
      cases.push([`${bits} Conclave client -> fast-srp-hap server #${round}`, () => conclaveClientFastServer(bits)]);
    }
    const wrong = Buffer.from('not the password');
    cases.push([`${bits} wrong password, Conclave server`, () => fastClientConclaveServer(bits, { attempted: wrong })]);
    cases.push([`${bits} wrong password, fast-srp-hap server`, () => conclaveClientFastServer(bits, { attempted: wrong })]);
    cases.push([`${bits} tampered M1, Conclave server`, () => fastClientConclaveServer(bits, { tamperM1: true })]);
    cases.push([`${bits} tampered M2, Conclave client`, () => conclaveClientFastServer(bits, { tamperM2: true })]);
  }
  let passed = 0;
  let failed = 0;
  for (const [name, run] of cases) {
    try {
      console.log(`ok   ${name}: ${await run()}`);
      passed++;
    } catch (error) {
      console.log(`FAIL ${name}: ${error.message}`);
      failed++;
    } finally {
      finishStarted();
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (!tool) {
  console.error('usage: node interop.js path/to/conclave-srp');
  process.exit(2);
}
main();
