'use strict';

const { call } = require('./client');
const { check, fail } = require('./outcome');
const { memberCall } = require('./member-call');
const { checkAgreement } = require('./agreement');
const describe = require('./describe');

// One MLS group as the runner sees it: its members on their servers, the
// proposals of the current epoch, and the checks after every step.
class Group {
  constructor(ctx, encrypt) {
    this.ctx = ctx;
    this.encrypt = encrypt;
    this.members = [];
    this.proposals = [];
    this.reported = new Map();
    this.lastAuth = undefined;
    this.epoch = 0;
    ctx.track(this);
  }

  static async create(ctx, role, { encrypt = false, label = role } = {}) {
    const group = new Group(ctx, encrypt);
    const client = ctx.client(role);
    const identity = ctx.identity(label);
    const request = { group_id: ctx.groupId(), cipher_suite: ctx.suite, encrypt_handshake: encrypt, identity };
    const response = await call(client, 'CreateGroup', request);
    group.members.push({ label, client, identity, stateId: response.state_id });
    return group;
  }

  // A group of the first role's member with the others added in one Commit.
  static async start(ctx, roles, options = {}) {
    const [creator, ...others] = roles;
    const group = await Group.create(ctx, creator, options);
    if (others.length > 0) {
      const keyPackages = [];
      for (const role of others) keyPackages.push(await group.keyPackage(role));
      await group.commit(group.members[0], { byValue: keyPackages.map(describe.add), joiners: keyPackages });
    }
    return group;
  }

  member(label) {
    const found = this.members.find((m) => m.label === label);
    if (!found) fail(`no member ${label} in the group`);
    return found;
  }

  others(member) {
    return this.members.filter((m) => m !== member);
  }

  async keyPackage(role, label = role, suite = this.ctx.suite) {
    const client = this.ctx.client(role);
    const identity = this.ctx.identity(label);
    const response = await call(client, 'CreateKeyPackage', { cipher_suite: suite, identity });
    return { label, client, identity, transactionId: response.transaction_id, keyPackage: response.key_package };
  }

  async propose(member, method, fields = {}) {
    const response = await memberCall(member, method, { state_id: member.stateId, ...fields });
    check(response.proposal.length > 0, `${member.client.name} ${method} returned no proposal`);
    this.proposals.push(response.proposal);
    return response.proposal;
  }

  takeProposals() {
    const proposals = this.proposals;
    this.proposals = [];
    return proposals;
  }

  async commit(committer, options = {}) {
    const { byValue = [], forcePath = false, externalTree = false, joiners = [], removed = [] } = options;
    const proposals = this.takeProposals();
    const request = {
      state_id: committer.stateId, by_reference: proposals, by_value: byValue,
      force_path: forcePath, external_tree: externalTree,
    };
    const response = await memberCall(committer, 'Commit', request);
    check(response.commit.length > 0, `${committer.client.name} Commit returned no commit`);
    const pending = await memberCall(committer, 'HandlePendingCommit', { state_id: committer.stateId });
    this.report(committer, pending);
    await this.handleCommit(response.commit, proposals, { except: committer, removed });
    await this.welcome(joiners, response, externalTree);
    await this.verify();
    return response;
  }

  report(member, response) {
    member.stateId = response.state_id;
    this.reported.set(member, response.epoch_authenticator);
  }

  // A client that has joined, with the response that gave its state.
  addMember(joiner, response) {
    const member = { label: joiner.label, client: joiner.client, identity: joiner.identity };
    this.members.push(member);
    this.report(member, response);
    return member;
  }

  // Every member but `except` handles the commit; the removed ones must
  // answer with an empty epoch authenticator and are freed.
  async handleCommit(commit, proposals, { except, removed = [] }) {
    for (const member of this.others(except)) {
      const request = { state_id: member.stateId, proposal: proposals, commit };
      const response = await memberCall(member, 'HandleCommit', request);
      const empty = response.epoch_authenticator.length === 0;
      if (removed.includes(member)) {
        check(empty, `${member.label} (${member.client.name}) was removed but HandleCommit gave an epoch authenticator`);
        await this.free(member);
      } else {
        check(!empty, `${member.label} (${member.client.name}) HandleCommit gave no epoch authenticator`);
        this.report(member, response);
      }
    }
    this.members = this.members.filter((m) => !removed.includes(m));
    this.epoch += 1;
  }

  async welcome(joiners, response, externalTree) {
    if (joiners.length === 0) return;
    check(response.welcome.length > 0, 'a commit adding members returned no Welcome');
    if (externalTree) check(response.ratchet_tree.length > 0, 'external_tree commit returned no ratchet_tree');
    for (const joiner of joiners) {
      const request = {
        transaction_id: joiner.transactionId, welcome: response.welcome, encrypt_handshake: this.encrypt,
        identity: joiner.identity, ratchet_tree: response.ratchet_tree,
      };
      this.addMember(joiner, await memberCall(joiner, 'JoinGroup', request));
    }
  }

  async groupInfo(member, externalTree = false) {
    return memberCall(member, 'GroupInfo', { state_id: member.stateId, external_tree: externalTree });
  }

  // All members agree on the epoch (see agreement.js).
  verify(options) {
    return checkAgreement(this, options);
  }

  async free(member) {
    if (member.stateId === undefined) return;
    const stateId = member.stateId;
    member.stateId = undefined;
    await memberCall(member, 'Free', { state_id: stateId }).catch(() => {});
  }

  async freeAll() {
    for (const member of this.members) await this.free(member);
  }
}

module.exports = { Group };
