'use strict';

const { mls } = require('../lib/mls');
const store = require('../lib/store');
const wire = require('../lib/wire');
const externalPub = require('../lib/external-pub');
const { epochAuthenticator, pskIndex } = require('../lib/member');
const { invalid } = require('../lib/rpc-error');

async function groupInfo(request) {
  const { state, cs } = store.member(request.state_id);
  const info = wire.encodeGroupInfo(await externalPub.groupInfo(state, cs, !request.external_tree));
  if (!request.external_tree) return { group_info: info };
  return { group_info: info, ratchet_tree: wire.encodeTree(state.ratchetTree) };
}

const stateAuth = (request) => ({ state_auth_secret: epochAuthenticator(store.member(request.state_id).state) });

async function exportSecret(request) {
  const { state, cs } = store.member(request.state_id);
  const secret = await mls.api.mlsExporter(
    state.keySchedule.exporterSecret, request.label, wire.toBytes(request.context), request.key_length, cs,
  );
  return { exported_secret: wire.toBuffer(secret) };
}

async function protect(request) {
  const member = store.member(request.state_id);
  const result = await mls.api.createApplicationMessage(
    member.state, wire.toBytes(request.plaintext), member.cs, wire.toBytes(request.authenticated_data),
  );
  member.state = result.newState;
  return { ciphertext: wire.encodePrivateMessage(result.privateMessage) };
}

async function unprotect(request) {
  const member = store.member(request.state_id);
  const { privateMessage } = wire.decodeMessage(request.ciphertext, 'mls_private_message');
  if (privateMessage.contentType !== 'application') throw invalid('not an application message');
  const result = await mls.api.processPrivateMessage(member.state, privateMessage, pskIndex(member), member.cs);
  member.state = result.newState;
  return {
    authenticated_data: wire.toBuffer(privateMessage.authenticatedData),
    plaintext: wire.toBuffer(result.message),
  };
}

module.exports = {
  GroupInfo: groupInfo,
  StateAuth: stateAuth,
  Export: exportSecret,
  Protect: protect,
  Unprotect: unprotect,
};
