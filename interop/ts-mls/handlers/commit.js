'use strict';

const store = require('../lib/store');
const { stageCommit } = require('../lib/commit');
const { takeProposals, applyCommit } = require('../lib/incoming');
const { enterEpoch, epochAuthenticator } = require('../lib/member');
const { invalid } = require('../lib/rpc-error');

const commit = (request) => stageCommit(store.member(request.state_id), request);

function epochResponse(stateId, state) {
  const removed = state.groupActiveState.kind === 'removedFromGroup';
  return { state_id: stateId, epoch_authenticator: removed ? Buffer.alloc(0) : epochAuthenticator(state) };
}

async function handleCommit(request) {
  const member = store.member(request.state_id);
  await takeProposals(member, request.proposal);
  enterEpoch(member, await applyCommit(member, request.commit));
  return epochResponse(request.state_id, member.state);
}

function handlePendingCommit(request) {
  const member = store.member(request.state_id);
  if (member.pending === undefined) throw invalid(`state ${request.state_id} has no pending commit`);
  enterEpoch(member, member.pending);
  return epochResponse(request.state_id, member.state);
}

module.exports = {
  Commit: commit,
  HandleCommit: handleCommit,
  HandlePendingCommit: handlePendingCommit,
};
