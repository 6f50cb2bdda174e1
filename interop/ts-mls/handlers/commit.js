'use strict';

const { commit, mergePending, mergeReceived } = require('../lib/commit');
const { epochAuthenticator } = require('../lib/member');

function epochResponse(stateId, state) {
  const removed = state.groupActiveState.kind === 'removedFromGroup';
  return { state_id: stateId, epoch_authenticator: removed ? Buffer.alloc(0) : epochAuthenticator(state) };
}

module.exports = {
  Commit: commit,
  HandleCommit: async (request) => epochResponse(request.state_id, (await mergeReceived(request)).state),
  HandlePendingCommit: (request) => epochResponse(request.state_id, mergePending(request).state),
};
