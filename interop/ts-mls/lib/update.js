'use strict';

const { mls } = require('./mls');

// ts-mls has no call that makes an Update proposal; this signs a fresh
// LeafNode (source update, RFC 9420 §7.2) with the member's own key.
async function updateProposal(state, cs) {
  const own = state.ratchetTree[state.privatePath.leafIndex * 2].leaf;
  const keys = await cs.hpke.generateKeyPair();
  const leaf = {
    hpkePublicKey: await cs.hpke.exportPublicKey(keys.publicKey),
    signaturePublicKey: own.signaturePublicKey,
    credential: own.credential,
    capabilities: own.capabilities,
    leafNodeSource: 'update',
    extensions: own.extensions,
  };
  const tbs = { ...leaf, groupId: state.groupContext.groupId, leafIndex: state.privatePath.leafIndex };
  const content = mls.encoder.encode(mls.leafNode.leafNodeTBSEncoder)(tbs);
  const signature = await mls.signature.signWithLabel(state.signaturePrivateKey, 'LeafNodeTBS', content, cs.signature);
  return {
    proposal: { proposalType: 'update', update: { leafNode: { ...leaf, signature } } },
    privateKey: await cs.hpke.exportPrivateKey(keys.privateKey),
  };
}

// The state with the member's leaf key replaced by the one of its Update.
function withLeafKey(state, privateKey) {
  const nodeIndex = state.privatePath.leafIndex * 2;
  const privateKeys = { ...state.privatePath.privateKeys, [nodeIndex]: privateKey };
  return { ...state, privatePath: { ...state.privatePath, privateKeys } };
}

module.exports = { updateProposal, withLeafKey };
