'use strict';

const { mls } = require('../lib/mls');
const store = require('../lib/store');
const wire = require('../lib/wire');
const suites = require('../lib/suites');
const { commit, mergePending, mergeReceived } = require('../lib/commit');
const { startGroup } = require('../lib/resume');
const { makeKeyPackage, ownIdentity } = require('../lib/identity');
const { newMember, epochAuthenticator, joined } = require('../lib/member');
const { invalid } = require('../lib/rpc-error');

function subgroupResponse(member, started) {
  return {
    state_id: store.addMember(member),
    welcome: started.welcome,
    ratchet_tree: started.ratchet_tree,
    epoch_authenticator: epochAuthenticator(started.state),
  };
}

async function createBranch(request) {
  const old = store.member(request.state_id);
  const keyPackage = await makeKeyPackage(ownIdentity(old.state), old.cs);
  const started = await startGroup({
    oldState: old.state, usage: 'branch', groupId: wire.toBytes(request.group_id),
    extensions: wire.toExtensions(request.extensions), cs: old.cs, keyPackage,
    memberKeyPackages: request.key_packages, request,
  });
  return subgroupResponse(newMember(started.state, old.cs, old.encrypt), started);
}

async function handleBranch(request) {
  const old = store.member(request.state_id);
  const { keyPackage } = store.transaction(request.transaction_id);
  const state = await mls.api.joinGroupFromBranch(
    old.state, wire.decodeWelcome(request.welcome), keyPackage.publicPackage, keyPackage.privatePackage,
    wire.decodeTree(request.ratchet_tree), old.cs,
  );
  return joined(state, old.cs, old.encrypt);
}

// After a ReInit Commit: the suspended state and a KeyPackage for the new group.
async function suspend(member) {
  const { groupActiveState } = member.state;
  if (groupActiveState.kind !== 'suspendedPendingReinit') throw invalid('the commit carried no ReInit proposal');
  const cs = await suites.implByName(groupActiveState.reinit.cipherSuite);
  const keyPackage = await makeKeyPackage(ownIdentity(member.state), cs);
  const reinitId = store.addReinit({ member, reinit: groupActiveState.reinit, cs, keyPackage });
  return {
    reinit_id: reinitId,
    key_package: wire.encodeKeyPackage(keyPackage.publicPackage),
    epoch_authenticator: epochAuthenticator(member.state),
  };
}

const handlePendingReinitCommit = (request) => suspend(mergePending(request));
const handleReinitCommit = async (request) => suspend(await mergeReceived(request));

async function reinitWelcome(request) {
  const { member, reinit, cs, keyPackage } = store.reinit(request.reinit_id);
  const started = await startGroup({
    oldState: member.state, usage: 'reinit', groupId: reinit.groupId, extensions: reinit.extensions,
    cs, keyPackage, memberKeyPackages: request.key_package, request,
  });
  return subgroupResponse(newMember(started.state, cs, member.encrypt), started);
}

async function handleReinitWelcome(request) {
  const { member, cs, keyPackage } = store.reinit(request.reinit_id);
  const state = await mls.api.joinGroupFromReinit(
    member.state, wire.decodeWelcome(request.welcome), keyPackage.publicPackage, keyPackage.privatePackage,
    wire.decodeTree(request.ratchet_tree),
  );
  return joined(state, cs, member.encrypt);
}

module.exports = {
  CreateBranch: createBranch,
  HandleBranch: handleBranch,
  ReInitCommit: commit,
  HandlePendingReInitCommit: handlePendingReinitCommit,
  HandleReInitCommit: handleReinitCommit,
  ReInitWelcome: reinitWelcome,
  HandleReInitWelcome: handleReinitWelcome,
};
