'use strict';

const { mls } = require('../lib/mls');
const store = require('../lib/store');
const wire = require('../lib/wire');
const build = require('../lib/proposals');
const { updateProposal } = require('../lib/update');

// Sends a proposal as the member's handshake wire format and remembers it as
// its own, so a later Commit or HandleCommit listing it skips it.
async function send(member, proposal) {
  const result = await mls.api.createProposal(member.state, !member.encrypt, proposal, member.cs);
  member.state = result.newState;
  const bytes = wire.encodeMessage(result.message);
  member.ownProposals.add(wire.base64(bytes));
  return { proposal: bytes };
}

function proposing(makeProposal) {
  return async (request) => {
    const member = store.member(request.state_id);
    return send(member, await makeProposal(request, member));
  };
}

async function update(request) {
  const member = store.member(request.state_id);
  const { proposal, privateKey } = await updateProposal(member.state, member.cs);
  const response = await send(member, proposal);
  member.updateKey = privateKey;
  return response;
}

module.exports = {
  AddProposal: proposing((request) => build.add(request.key_package)),
  UpdateProposal: update,
  RemoveProposal: proposing((request, member) => build.remove(member.state.ratchetTree, request.removed_id)),
  ExternalPSKProposal: proposing((request, member) => build.externalPsk(request.psk_id, member.cs)),
  ResumptionPSKProposal: proposing((request, member) =>
    build.resumptionPsk(member.state.groupContext.groupId, request.epoch_id, member.cs)),
  GroupContextExtensionsProposal: proposing((request) => build.groupContextExtensions(request.extensions)),
  ReInitProposal: proposing((request) => build.reinit(request.group_id, request.cipher_suite, request.extensions)),
};
