'use strict';

const { mls } = require('./mls');
const store = require('./store');

// A group state as the server keeps it: the ts-mls ClientState plus what the
// interop contract needs around it.
function newMember(state, cs, encrypt, psks = {}) {
  return {
    state,
    cs,
    encrypt,
    psks: { ...psks },
    ownProposals: new Set(),
    updateKey: undefined,
    pending: undefined,
  };
}

// Moves the member to a new epoch: proposals and keys of the old one go.
function enterEpoch(member, state) {
  member.state = state;
  member.ownProposals.clear();
  member.updateKey = undefined;
  member.pending = undefined;
}

const pskIndex = (member) => mls.api.makePskIndex(member.state, member.psks);

const epochAuthenticator = (state) => Buffer.from(state.keySchedule.epochAuthenticator);

// Keeps a member that has just joined: its state id and epoch authenticator.
function joined(state, cs, encrypt, psks = {}) {
  return { state_id: store.addMember(newMember(state, cs, encrypt, psks)), epoch_authenticator: epochAuthenticator(state) };
}

module.exports = { newMember, enterEpoch, pskIndex, epochAuthenticator, joined };
