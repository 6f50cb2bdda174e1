'use strict';

// ts-mls is an ES module; the server loads it once at start-up and the
// other files read the loaded modules from here.
const modules = {};

const SUBMODULES = {
  leafNode: 'ts-mls/leafNode.js',
  signature: 'ts-mls/crypto/signature.js',
  ratchetTree: 'ts-mls/ratchetTree.js',
  clientConfig: 'ts-mls/clientConfig.js',
  publicProtection: 'ts-mls/messageProtectionPublic.js',
  ciphersuite: 'ts-mls/crypto/ciphersuite.js',
  errors: 'ts-mls/mlsError.js',
  encoder: 'ts-mls/codec/tlsEncoder.js',
  groupInfo: 'ts-mls/groupInfo.js',
  createCommit: 'ts-mls/createCommit.js',
  variableLength: 'ts-mls/codec/variableLength.js',
};

async function loadMls() {
  modules.api = await import('ts-mls');
  for (const [key, specifier] of Object.entries(SUBMODULES)) {
    modules[key] = await import(specifier);
  }
  return modules;
}

module.exports = { loadMls, mls: modules };
