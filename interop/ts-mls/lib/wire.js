'use strict';

const { mls } = require('./mls');
const { invalid } = require('./rpc-error');

const toBytes = (buffer) => new Uint8Array(buffer ?? []);
const toBuffer = (bytes) => Buffer.from(bytes ?? []);
const base64 = (bytes) => Buffer.from(bytes).toString('base64');

function decodeWhole(decoder, bytes, what) {
  let decoded;
  try {
    decoded = decoder(toBytes(bytes), 0);
  } catch (error) {
    throw invalid(`malformed ${what}: ${error.message}`);
  }
  if (!decoded || decoded[1] !== bytes.length) throw invalid(`malformed ${what}`);
  return decoded[0];
}

const WIREFORMAT_NAMES = {
  mls_public_message: 'PublicMessage',
  mls_private_message: 'PrivateMessage',
  mls_welcome: 'Welcome',
  mls_group_info: 'GroupInfo',
  mls_key_package: 'KeyPackage',
};

function decodeMessage(bytes, ...wireformats) {
  const message = decodeWhole(mls.api.decodeMlsMessage, bytes, 'MLSMessage');
  if (!wireformats.includes(message.wireformat)) {
    const wanted = wireformats.map((w) => WIREFORMAT_NAMES[w]).join(' or ');
    throw invalid(`expected an MLSMessage holding a ${wanted}, got ${WIREFORMAT_NAMES[message.wireformat]}`);
  }
  return message;
}

const decodeWelcome = (bytes) => decodeMessage(bytes, 'mls_welcome').welcome;
const decodeGroupInfo = (bytes) => decodeMessage(bytes, 'mls_group_info').groupInfo;
const decodeKeyPackage = (bytes) => decodeMessage(bytes, 'mls_key_package').keyPackage;

function decodeTree(bytes) {
  if (!bytes || bytes.length === 0) return undefined;
  return decodeWhole(mls.ratchetTree.decodeRatchetTree, bytes, 'ratchet tree');
}

// The tree a GroupInfo comes with: its ratchet_tree extension, else the
// separately given one.
function treeFor(groupInfo, treeBytes) {
  const tree = mls.groupInfo.ratchetTreeFromExtension(groupInfo) ?? decodeTree(treeBytes);
  if (tree === undefined) throw invalid('no ratchet tree: none in the GroupInfo and none given');
  return tree;
}

const encodeTree = (tree) => toBuffer(mls.ratchetTree.encodeRatchetTree(tree));

const encodeMessage = (content) => toBuffer(mls.api.encodeMlsMessage({ version: 'mls10', ...content }));
const encodeWelcome = (welcome) => (welcome ? encodeMessage({ wireformat: 'mls_welcome', welcome }) : Buffer.alloc(0));
// A Commit's Welcome, and its ratchet tree when the tree goes out of band.
const welcomeAndTree = (result, externalTree) => ({
  welcome: encodeWelcome(result.welcome),
  ratchet_tree: externalTree ? encodeTree(result.newState.ratchetTree) : Buffer.alloc(0),
});
// The private keys of a new KeyPackage, as a transaction's response carries them.
const privateKeys = (keyPackage) => ({
  init_priv: toBuffer(keyPackage.privatePackage.initPrivateKey),
  encryption_priv: toBuffer(keyPackage.privatePackage.hpkePrivateKey),
  signature_priv: toBuffer(keyPackage.privatePackage.signaturePrivateKey),
});
const encodeGroupInfo = (groupInfo) => encodeMessage({ wireformat: 'mls_group_info', groupInfo });
const encodeKeyPackage = (keyPackage) => encodeMessage({ wireformat: 'mls_key_package', keyPackage });
const encodePublicMessage = (publicMessage) => encodeMessage({ wireformat: 'mls_public_message', publicMessage });
const encodePrivateMessage = (privateMessage) => encodeMessage({ wireformat: 'mls_private_message', privateMessage });

const DEFAULT_EXTENSION_NAMES = ['application_id', 'ratchet_tree', 'required_capabilities', 'external_pub', 'external_senders'];

function toExtension({ extension_type: type, extension_data: data }) {
  if (type > 0xffff) throw invalid(`extension type ${type} is not a uint16`);
  const extensionType = DEFAULT_EXTENSION_NAMES[type - 1] ?? type;
  return { extensionType, extensionData: toBytes(data) };
}

const toExtensions = (list) => (list ?? []).map(toExtension);

module.exports = {
  toBytes, toBuffer, base64, decodeMessage, decodeWelcome, decodeGroupInfo, decodeKeyPackage,
  decodeTree, treeFor, encodeTree, encodeMessage, encodeWelcome, encodeGroupInfo, encodeKeyPackage,
  encodePublicMessage, encodePrivateMessage, toExtensions, welcomeAndTree, privateKeys,
};
