'use strict';

const { Group } = require('../lib/group');

const variants = [{ name: 'by_reference', encrypt: false }, { name: 'by_reference+encrypt', encrypt: true }];

// Bob proposes an Update; Alice commits it; then Bob commits (with his new leaf).
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  await group.propose(group.member('bob'), 'UpdateProposal');
  await group.commit(group.member('alice'));
  await group.commit(group.member('bob'));
}

module.exports = { name: 'commit-update', roles: ['alice', 'bob', 'charlie'], variants, run };
