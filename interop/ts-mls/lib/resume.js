'use strict';

const { mls } = require('./mls');
const wire = require('./wire');
const build = require('./proposals');
const { limit } = require('./limits');

// Creates the group a branch or reinit starts (RFC 9420 §11.2, §11.3): the
// creator adds the others with a resumption PSK of the old group's epoch.
async function startGroup({ oldState, usage, groupId, extensions, cs, keyPackage, memberKeyPackages, request }) {
  if (request.force_path) throw limit('forcePath');
  const group = await mls.api.createGroup(groupId, keyPackage.publicPackage, keyPackage.privatePackage, extensions, cs);
  const { groupId: oldGroupId, epoch } = oldState.groupContext;
  const proposals = [...memberKeyPackages.map(build.add), build.resumptionPsk(oldGroupId, epoch, cs, usage)];
  const result = await mls.api.createCommit(
    { state: group, cipherSuite: cs, pskIndex: mls.api.makePskIndex(oldState, {}) },
    { extraProposals: proposals, ratchetTreeExtension: !request.external_tree },
  );
  return { state: result.newState, ...wire.welcomeAndTree(result, request.external_tree) };
}

module.exports = { startGroup };
