'use strict';

const { byReferenceOrValue } = require('../lib/variants');
const { Group } = require('../lib/group');
const describe = require('../lib/describe');

const variants = byReferenceOrValue();

// Charlie is removed, proposed by Bob (by reference) or by Alice's commit itself.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  const charlie = group.member('charlie');
  if (variant.byReference) {
    await group.propose(group.member('bob'), 'RemoveProposal', { removed_id: charlie.identity });
    await group.commit(group.member('alice'), { removed: [charlie] });
  } else {
    await group.commit(group.member('alice'), { byValue: [describe.remove(charlie)], removed: [charlie] });
  }
  await group.commit(group.member('bob'));
}

module.exports = { name: 'commit-remove', roles: ['alice', 'bob', 'charlie'], variants, run };
