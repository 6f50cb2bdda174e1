'use strict';

const { mls } = require('./mls');
const wire = require('./wire');
const build = require('./proposals');
const { limit } = require('./limits');

function resumptionProposal(oldState, usage, cs) {
  const { groupId, epoch } = oldState.groupContext;
  return {
    proposalType: 'psk',
    psk: {
      preSharedKeyId: {
        psktype: 'resumption', usage, pskGroupId: groupId, pskEpoch: epoch,
        pskNonce: cs.rng.randomBytes(cs.kdf.size),
      },
    },
  };
}

// Creates the group a branch or reinit starts (RFC 9420 §11.2, §11.3): the
// creator adds the others with a resumption PSK of the old group's epoch.
async function startGroup({ oldState, usage, groupId, extensions, cs, keyPackage, memberKeyPackages, request }) {
  if (request.force_path) throw limit('forcePath');
  const group = await mls.api.createGroup(groupId, keyPackage.publicPackage, keyPackage.privatePackage, extensions, cs);
  const proposals = [...memberKeyPackages.map(build.add), resumptionProposal(oldState, usage, cs)];
  const result = await mls.api.createCommit(
    { state: group, cipherSuite: cs, pskIndex: mls.api.makePskIndex(oldState, {}) },
    { extraProposals: proposals, ratchetTreeExtension: !request.external_tree },
  );
  return {
    state: result.newState,
    welcome: wire.encodeWelcome(result.welcome),
    ratchet_tree: request.external_tree ? wire.encodeTree(result.newState.ratchetTree) : Buffer.alloc(0),
  };
}

module.exports = { startGroup };
