'use strict';

const { mls } = require('../lib/mls');
const store = require('../lib/store');
const wire = require('../lib/wire');
const suites = require('../lib/suites');
const build = require('../lib/proposals');
const { makeKeyPackage, basicCredential } = require('../lib/identity');
const { limit } = require('../lib/limits');

async function newMemberAddProposal(request) {
  const groupInfo = wire.decodeGroupInfo(request.group_info);
  const cs = await suites.implByName(groupInfo.groupContext.cipherSuite);
  const keyPackage = await makeKeyPackage(request.identity, cs);
  const message = await mls.api.proposeAddExternal(groupInfo, keyPackage.publicPackage, keyPackage.privatePackage, cs);
  return {
    transaction_id: store.addTransaction({ cs, keyPackage, psks: {} }),
    proposal: wire.encodeMessage(message),
    ...wire.privateKeys(keyPackage),
  };
}

async function createExternalSigner(request) {
  const cs = await suites.implById(request.cipher_suite);
  const keys = await cs.signature.keygen();
  const externalSender = { signaturePublicKey: keys.publicKey, credential: basicCredential(request.identity) };
  return {
    signer_id: store.addSigner({ cs, signKey: keys.signKey }),
    external_sender: wire.toBuffer(mls.api.encodeExternalSender(externalSender)),
  };
}

function addExternalSigner() {
  throw limit('externalSenders');
}

// Signs the proposal as external sender signer_index (RFC 9420 §6.1) with
// ts-mls's own message protection; proposeExternal would pick the index by
// its non-standard reading of external_senders.
async function externalSignerProposal(request) {
  const signer = store.signer(request.signer_id);
  const groupInfo = wire.decodeGroupInfo(request.group_info);
  const tree = wire.treeFor(groupInfo, request.ratchet_tree);
  const proposal = build.fromDescription(request.description, groupInfo.groupContext, tree, signer.cs);
  const sender = { senderType: 'external', senderIndex: request.signer_index };
  const result = await mls.publicProtection.protectExternalProposalPublic(
    signer.signKey, groupInfo.groupContext, new Uint8Array(), proposal, sender, signer.cs,
  );
  return { proposal: wire.encodePublicMessage(result.publicMessage) };
}

module.exports = {
  NewMemberAddProposal: newMemberAddProposal,
  CreateExternalSigner: createExternalSigner,
  AddExternalSigner: addExternalSigner,
  ExternalSignerProposal: externalSignerProposal,
};
