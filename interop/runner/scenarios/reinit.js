'use strict';

const { Group } = require('../lib/group');
const { call } = require('../lib/client');
const { check } = require('../lib/outcome');
const { subgroup } = require('../lib/subgroup');

const variants = [
  { name: 'same_suite' },
  { name: 'same_suite+external_tree+encrypt', externalTree: true, encrypt: true },
  { name: 'next_suite', nextSuite: true },
];

const nextSuite = (ctx) => ctx.suites[(ctx.suites.indexOf(ctx.suite) + 1) % ctx.suites.length];

// The old group's members each end with a reinit id and a KeyPackage.
async function commitReinit(group, committer) {
  const proposals = group.takeProposals();
  const request = { state_id: committer.stateId, by_reference: proposals, by_value: [], force_path: false, external_tree: false };
  const { commit } = await call(committer.client, 'ReInitCommit', request);
  check(commit.length > 0, `${committer.client.name} ReInitCommit returned no commit`);
  const reinits = new Map([[committer, await call(committer.client, 'HandlePendingReInitCommit', { state_id: committer.stateId })]]);
  for (const member of group.others(committer)) {
    const handled = await call(member.client, 'HandleReInitCommit', { state_id: member.stateId, proposal: proposals, commit });
    reinits.set(member, handled);
  }
  for (const [member, response] of reinits) group.reported.set(member, response.epoch_authenticator);
  await group.verify();
  return reinits;
}

// Bob proposes a ReInit, Charlie commits it, and Alice creates the new group
// (RFC 9420 §11.2) with the others' new KeyPackages.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  const suite = variant.nextSuite ? nextSuite(ctx) : ctx.suite;
  await group.propose(group.member('bob'), 'ReInitProposal', { cipher_suite: suite, group_id: ctx.groupId(), extensions: [] });
  const reinits = await commitReinit(group, group.member('charlie'));
  const alice = group.member('alice');
  const others = group.others(alice);
  const created = await call(alice.client, 'ReInitWelcome', {
    reinit_id: reinits.get(alice).reinit_id, key_package: others.map((m) => reinits.get(m).key_package),
    force_path: false, external_tree: !!variant.externalTree,
  });
  const next = subgroup({ ...ctx, suite }, group, alice, created);
  for (const member of others) {
    const request = { reinit_id: reinits.get(member).reinit_id, welcome: created.welcome, ratchet_tree: created.ratchet_tree };
    next.addMember(member, await call(member.client, 'HandleReInitWelcome', request));
  }
  await next.verify();
  await next.commit(next.member('charlie'));
}

module.exports = { name: 'reinit', roles: ['alice', 'bob', 'charlie'], variants, run };
