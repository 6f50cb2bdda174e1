'use strict';

const { mls } = require('./mls');
const wire = require('./wire');
const build = require('./proposals');
const store = require('./store');
const { takeProposals, applyCommit } = require('./incoming');
const { pskIndex, enterEpoch } = require('./member');
const { invalid } = require('./rpc-error');
const { limit } = require('./limits');

// RFC 9420 §12.2: a Commit never carries the committer's own Updates.
function dropOwnUpdates(member) {
  const own = member.state.privatePath.leafIndex;
  const kept = Object.entries(member.state.unappliedProposals).filter(
    ([, p]) => !(p.proposal.proposalType === 'update' && p.senderLeafIndex === own),
  );
  member.state = { ...member.state, unappliedProposals: Object.fromEntries(kept) };
}

// ts-mls adds an UpdatePath only for an empty Commit or one with an Update or
// Remove; it has no way to force one.
function checkPath(state, extraProposals, forcePath) {
  const types = [...Object.values(state.unappliedProposals).map((p) => p.proposal), ...extraProposals]
    .map((p) => p.proposalType);
  const hasPath = types.length === 0 || types.includes('update') || types.includes('remove');
  if (hasPath) return;
  if (types.includes('group_context_extensions')) throw limit('gcePath');
  if (forcePath) throw limit('forcePath');
}

// Creates the Commit and keeps its new state pending until
// HandlePendingCommit (or HandlePendingReInitCommit).
async function stageCommit(member, request) {
  await takeProposals(member, request.by_reference);
  dropOwnUpdates(member);
  const { state, cs } = member;
  const extraProposals = request.by_value.map((d) => build.fromDescription(d, state.groupContext, state.ratchetTree, cs));
  checkPath(state, extraProposals, request.force_path);
  const result = await mls.api.createCommit(
    { state, cipherSuite: cs, pskIndex: pskIndex(member) },
    { wireAsPublicMessage: !member.encrypt, extraProposals, ratchetTreeExtension: !request.external_tree },
  );
  member.pending = result.newState;
  return { commit: wire.encodeMessage(result.commit), ...wire.welcomeAndTree(result, request.external_tree) };
}

// Commit and ReInitCommit.
const commit = (request) => stageCommit(store.member(request.state_id), request);

// HandlePendingCommit and HandlePendingReInitCommit: this member's staged Commit takes effect.
function mergePending(request) {
  const member = store.member(request.state_id);
  if (member.pending === undefined) throw invalid(`state ${request.state_id} has no pending commit`);
  enterEpoch(member, member.pending);
  return member;
}

// HandleCommit and HandleReInitCommit: another member's Commit, with the
// proposals sent beside it, takes effect.
async function mergeReceived(request) {
  const member = store.member(request.state_id);
  await takeProposals(member, request.proposal);
  enterEpoch(member, await applyCommit(member, request.commit));
  return member;
}

module.exports = { commit, mergePending, mergeReceived };
