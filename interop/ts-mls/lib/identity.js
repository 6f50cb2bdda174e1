'use strict';

const { mls } = require('./mls');
const { invalid } = require('./rpc-error');

// Every leaf lists the private-use extension type the interop scenarios put
// in the GroupContext (spec-notes/interop.md).
const INTEROP_EXTENSION_TYPE = 0xff00;

const basicCredential = (identity) => ({ credentialType: 'basic', identity: new Uint8Array(identity) });

function capabilities() {
  const caps = mls.api.defaultCapabilities();
  return { ...caps, extensions: [INTEROP_EXTENSION_TYPE, ...caps.extensions] };
}

function makeKeyPackage(identity, cs) {
  return mls.api.generateKeyPackage(basicCredential(identity), capabilities(), mls.api.defaultLifetime, [], cs);
}

const sameBytes = (a, b) => Buffer.from(a).equals(Buffer.from(b));

function leafIdentity(node) {
  if (node?.nodeType !== 'leaf' || node.leaf.credential.credentialType !== 'basic') return undefined;
  return node.leaf.credential.identity;
}

function leafIndexOf(tree, identity) {
  const nodeIndex = tree.findIndex((node) => {
    const found = leafIdentity(node);
    return found !== undefined && sameBytes(found, identity);
  });
  if (nodeIndex < 0) throw invalid(`no member with identity ${Buffer.from(identity).toString('hex')}`);
  return nodeIndex / 2;
}

const ownIdentity = (state) => leafIdentity(state.ratchetTree[state.privatePath.leafIndex * 2]);

// Compares a KeyPackage with a tree leaf by credential identity; ExternalJoin
// with remove_prior uses it to find the joiner's prior leaf.
const sameIdentityConfig = () => ({
  ...mls.clientConfig.defaultClientConfig,
  keyPackageEqualityConfig: {
    ...mls.clientConfig.defaultClientConfig.keyPackageEqualityConfig,
    compareKeyPackageToLeafNode: (keyPackage, leaf) =>
      leaf.credential.credentialType === 'basic' &&
      sameBytes(keyPackage.leafNode.credential.identity, leaf.credential.identity),
  },
});

module.exports = { basicCredential, makeKeyPackage, leafIndexOf, ownIdentity, sameIdentityConfig };
