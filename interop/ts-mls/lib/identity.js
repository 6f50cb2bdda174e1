'use strict';

const { mls } = require('./mls');
const { invalid } = require('./rpc-error');

// Every leaf lists the private-use extension type the interop scenarios put
// in the GroupContext (spec-notes/interop.md).
const INTEROP_EXTENSION_TYPE = 0xff00;

// draft-ietf-mls-extensions: app_data_dictionary (suggested 0x0006), which
// the commit-app-data-dictionary scenario puts in the GroupContext. A leaf
// that lists it carries, as the draft requires, an app_data_dictionary with
// the app_components component (0x0001) naming the components it supports,
// here the scenario's two private-use ones, and a GREASE component
// (0x0A0A) that receivers must ignore.
const APP_DATA_DICTIONARY_TYPE = 0x0006;
const LEAF_APP_DATA_DICTIONARY = Uint8Array.from([
  0x0e, // component_data<V>: 14 bytes
  0x00, 0x01, 0x05, 0x04, 0x80, 0x01, 0x80, 0x02, // app_components: data<V> = ComponentsList [0x8001, 0x8002]
  0x0a, 0x0a, 0x03, 0x67, 0x72, 0x73, // GREASE 0x0A0A: "grs"
]);

const basicCredential = (identity) => ({ credentialType: 'basic', identity: new Uint8Array(identity) });

function capabilities() {
  const caps = mls.api.defaultCapabilities();
  return { ...caps, extensions: [INTEROP_EXTENSION_TYPE, APP_DATA_DICTIONARY_TYPE, ...caps.extensions] };
}

const leafExtensions = () => [{ extensionType: APP_DATA_DICTIONARY_TYPE, extensionData: LEAF_APP_DATA_DICTIONARY }];

function makeKeyPackage(identity, cs) {
  return mls.api.generateKeyPackage(basicCredential(identity), capabilities(), mls.api.defaultLifetime, [], cs,
    leafExtensions());
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
