'use strict';

const { mls } = require('./mls');
const { invalid } = require('./rpc-error');

// ts-mls 1.6.4 writes and reads the external_pub extension_data as the bare
// HPKE public key; RFC 9420 §12.4.3.2 makes it the struct ExternalPub, whose
// one field is a length-prefixed HPKEPublicKey. This file speaks the RFC form
// on the wire and hands ts-mls its own.

const withPrefix = (key) => mls.encoder.encode(mls.variableLength.varLenDataEncoder)(key);

function withoutPrefix(data) {
  const decoded = mls.variableLength.decodeVarLenData(data, 0);
  if (!decoded || decoded[1] !== data.length) throw invalid('malformed external_pub extension');
  return decoded[0];
}

// A signed GroupInfo of the member's epoch with a conformant external_pub.
async function groupInfo(state, cs, withTree) {
  const keys = await cs.hpke.deriveKeyPair(state.keySchedule.externalSecret);
  const externalPub = withPrefix(await cs.hpke.exportPublicKey(keys.publicKey));
  const extensions = [{ extensionType: 'external_pub', extensionData: externalPub }];
  if (withTree) extensions.push({ extensionType: 'ratchet_tree', extensionData: mls.ratchetTree.encodeRatchetTree(state.ratchetTree) });
  return mls.createCommit.createGroupInfo(state.groupContext, state.confirmationTag, state, extensions, cs);
}

async function checkSignature(info, tree, cs) {
  const signer = tree[info.signer * 2];
  if (signer?.nodeType !== 'leaf') throw invalid('the GroupInfo signer is no leaf of the tree');
  const valid = await mls.groupInfo.verifyGroupInfoSignature(info, signer.leaf.signaturePublicKey, cs.signature);
  if (!valid) throw invalid('the GroupInfo signature does not verify');
}

// What joinGroupExternal needs for a conformant GroupInfo: the GroupInfo with
// the bare key, and a suite whose verify accepts the GroupInfo signature,
// checked here on the GroupInfo as signed, and checks everything else.
async function forExternalJoin(info, tree, cs) {
  await checkSignature(info, tree, cs);
  const extensions = info.extensions.map((e) =>
    e.extensionType === 'external_pub' ? { ...e, extensionData: withoutPrefix(e.extensionData) } : e);
  const checked = info.signature;
  const verify = (publicKey, message, signature) =>
    signature === checked ? Promise.resolve(true) : cs.signature.verify(publicKey, message, signature);
  return { groupInfo: { ...info, extensions }, cs: { ...cs, signature: { ...cs.signature, verify } } };
}

module.exports = { groupInfo, forExternalJoin };
