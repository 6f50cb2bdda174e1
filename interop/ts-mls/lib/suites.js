'use strict';

const { mls } = require('./mls');
const { invalid } = require('./rpc-error');

// Suites 1-7 have their peer dependencies installed (see package.json).
const SUPPORTED = [1, 2, 3, 4, 5, 6, 7];
const impls = new Map();

function suiteName(id) {
  if (!SUPPORTED.includes(id)) throw invalid(`unsupported cipher suite ${id}`);
  return mls.ciphersuite.getCiphersuiteNameFromId(id);
}

// ts-mls 1.6.4 makes compressed ECDSA public keys; RFC 9420 §5.1.1 wants the
// UncompressedPointRepresentation. Its verify takes both forms.
async function withUncompressedKeys(impl, algorithm) {
  const nist = await import('@noble/curves/nist.js');
  const curve = { P256: nist.p256, P384: nist.p384, P521: nist.p521 }[algorithm];
  if (!curve) return impl;
  const keygen = async () => {
    const { signKey } = await impl.signature.keygen();
    return { signKey, publicKey: curve.getPublicKey(signKey, false) };
  };
  return { ...impl, signature: { ...impl.signature, keygen } };
}

async function implByName(name) {
  if (!impls.has(name)) {
    const suite = mls.api.getCiphersuiteFromName(name);
    impls.set(name, await withUncompressedKeys(await mls.api.getCiphersuiteImpl(suite), suite.signature));
  }
  return impls.get(name);
}

const implById = (id) => implByName(suiteName(id));

module.exports = { SUPPORTED, suiteName, implByName, implById };
