'use strict';

const { mls } = require('./mls');
const wire = require('./wire');
const { withLeafKey } = require('./update');
const { pskIndex } = require('./member');
const { invalid } = require('./rpc-error');

function contentType(message) {
  return message.wireformat === 'mls_public_message'
    ? message.publicMessage.content.contentType
    : message.privateMessage.contentType;
}

function decodeHandshake(bytes, expected) {
  const message = wire.decodeMessage(bytes, 'mls_public_message', 'mls_private_message');
  const type = contentType(message);
  if (type !== expected) throw invalid(`expected a ${expected} message, got ${type}`);
  return message;
}

const removes = (proposals, leafIndex) =>
  proposals.some(({ proposal }) => proposal.proposalType === 'remove' && proposal.remove.removed === leafIndex);

// Spots a Commit that removes the member before ts-mls walks its path: ts-mls
// 1.6.4 misses the removal when an Add of the same Commit refills the leaf.
function removalWatch(state) {
  const watch = { removed: false };
  watch.callback = (incoming) => {
    if (incoming.kind !== 'commit' || !removes(incoming.proposals, state.privatePath.leafIndex)) return 'accept';
    watch.removed = true;
    return 'reject';
  };
  return watch;
}

// Private messages go through processPrivateMessage, never processMessage:
// in ts-mls 1.6.4 processMessage drops the PSK index for them.
function processMessage(member, state, message, callback) {
  const psks = pskIndex({ ...member, state });
  if (message.wireformat === 'mls_public_message') {
    return mls.api.processPublicMessage(state, message.publicMessage, psks, member.cs, callback);
  }
  return mls.api.processPrivateMessage(state, message.privateMessage, psks, member.cs, callback);
}

// The state after a proposal or commit message, the member's own removal
// included.
async function process(member, state, message) {
  const watch = removalWatch(state);
  const result = await processMessage(member, state, message, watch.callback);
  if (watch.removed) return { ...result.newState, groupActiveState: { kind: 'removedFromGroup' } };
  return result.newState;
}

// Adds the proposals of this epoch the member has not created itself.
async function takeProposals(member, proposalMessages) {
  for (const bytes of proposalMessages ?? []) {
    if (member.ownProposals.has(wire.base64(bytes))) continue;
    member.state = await process(member, member.state, decodeHandshake(bytes, 'proposal'));
  }
}

// The state after the commit. When the member has an Update pending, the
// commit most likely applies it, so its new leaf key is tried first.
async function applyCommit(member, bytes) {
  const message = decodeHandshake(bytes, 'commit');
  if (member.updateKey === undefined) return process(member, member.state, message);
  try {
    return await process(member, withLeafKey(member.state, member.updateKey), message);
  } catch {
    return process(member, member.state, message);
  }
}

module.exports = { takeProposals, applyCommit };
