'use strict';

const { Group } = require('../lib/group');

const variants = [{ name: 'by_reference', encrypt: false }, { name: 'by_reference+encrypt', encrypt: true }];

// Bob proposes adding Charlie; Alice commits the proposal by reference.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob'], { encrypt: variant.encrypt });
  const charlie = await group.keyPackage('charlie');
  await group.propose(group.member('bob'), 'AddProposal', { key_package: charlie.keyPackage });
  await group.commit(group.member('alice'), { joiners: [charlie] });
}

module.exports = { name: 'commit-add', roles: ['alice', 'bob', 'charlie'], variants, run };
