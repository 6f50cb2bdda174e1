'use strict';

const { mls } = require('../lib/mls');
const store = require('../lib/store');
const wire = require('../lib/wire');
const suites = require('../lib/suites');
const { makeKeyPackage, sameIdentityConfig, leafIndexOf } = require('../lib/identity');
const externalPub = require('../lib/external-pub');
const { newMember, joined } = require('../lib/member');
const { limit } = require('../lib/limits');

const name = () => ({ name: `ts-mls ${require('../package.json').dependencies['ts-mls']}` });

const supportedCiphersuites = () => ({ ciphersuites: suites.SUPPORTED });

async function createGroup(request) {
  const cs = await suites.implById(request.cipher_suite);
  const keyPackage = await makeKeyPackage(request.identity, cs);
  const state = await mls.api.createGroup(
    wire.toBytes(request.group_id), keyPackage.publicPackage, keyPackage.privatePackage, [], cs,
  );
  return { state_id: store.addMember(newMember(state, cs, request.encrypt_handshake)) };
}

async function createKeyPackage(request) {
  const cs = await suites.implById(request.cipher_suite);
  const keyPackage = await makeKeyPackage(request.identity, cs);
  const transactionId = store.addTransaction({ cs, keyPackage, psks: {} });
  return {
    transaction_id: transactionId,
    ...wire.privateKeys(keyPackage),
    key_package: wire.encodeKeyPackage(keyPackage.publicPackage),
  };
}

async function joinGroup(request) {
  const transaction = store.transaction(request.transaction_id);
  const { cs, keyPackage, psks } = transaction;
  const state = await mls.api.joinGroup(
    wire.decodeWelcome(request.welcome), keyPackage.publicPackage, keyPackage.privatePackage,
    mls.api.makePskIndex(undefined, psks), cs, wire.decodeTree(request.ratchet_tree),
  );
  return joined(state, cs, request.encrypt_handshake, psks);
}

async function externalJoin(request) {
  if (request.psks.length > 0) throw limit('externalJoinPsk');
  const groupInfo = wire.decodeGroupInfo(request.group_info);
  const cs = await suites.implByName(groupInfo.groupContext.cipherSuite);
  const keyPackage = await makeKeyPackage(request.identity, cs);
  const tree = wire.treeFor(groupInfo, request.ratchet_tree);
  if (request.remove_prior) leafIndexOf(tree, request.identity);
  const join = await externalPub.forExternalJoin(groupInfo, tree, cs);
  const { publicMessage, newState } = await mls.api.joinGroupExternal(
    join.groupInfo, keyPackage.publicPackage, keyPackage.privatePackage, request.remove_prior, join.cs, tree,
    sameIdentityConfig(),
  );
  const state = { ...newState, clientConfig: mls.clientConfig.defaultClientConfig };
  return { ...joined(state, cs, request.encrypt_handshake), commit: wire.encodePublicMessage(publicMessage) };
}

function storePsk(request) {
  const holder = store.pskHolder(request.state_or_transaction_id);
  holder.psks[wire.base64(request.psk_id)] = wire.toBytes(request.psk_secret);
  return {};
}

function free(request) {
  store.free(request.state_id);
  return {};
}

module.exports = {
  Name: name,
  SupportedCiphersuites: supportedCiphersuites,
  CreateGroup: createGroup,
  CreateKeyPackage: createKeyPackage,
  JoinGroup: joinGroup,
  ExternalJoin: externalJoin,
  StorePSK: storePsk,
  Free: free,
};
