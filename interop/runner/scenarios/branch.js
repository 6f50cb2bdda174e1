'use strict';

const { Group } = require('../lib/group');
const { call } = require('../lib/client');
const { subgroup } = require('../lib/subgroup');

const variants = [{ name: 'tree_in_welcome' }, { name: 'external_tree', externalTree: true }];

// Alice branches a subgroup with Bob and Charlie (fresh KeyPackages, RFC 9420
// §11.3); both old and new groups go on.
async function run(ctx, variant) {
  const parent = await Group.start(ctx, ['alice', 'bob', 'charlie']);
  const alice = parent.member('alice');
  const others = parent.others(alice);
  const keyPackages = [];
  for (const member of others) keyPackages.push(await parent.keyPackage(member.label));
  const created = await call(alice.client, 'CreateBranch', {
    state_id: alice.stateId, group_id: ctx.groupId(), extensions: [],
    key_packages: keyPackages.map((k) => k.keyPackage), force_path: false, external_tree: !!variant.externalTree,
  });
  const branch = subgroup(ctx, parent, alice, created);
  for (const [i, member] of others.entries()) {
    const response = await call(member.client, 'HandleBranch', {
      state_id: member.stateId, transaction_id: keyPackages[i].transactionId,
      welcome: created.welcome, ratchet_tree: created.ratchet_tree,
    });
    branch.addMember(member, response);
  }
  await branch.verify();
  await branch.commit(branch.member('bob'));
  await parent.commit(parent.member('charlie'));
}

module.exports = { name: 'branch', roles: ['alice', 'bob', 'charlie'], variants, run };
