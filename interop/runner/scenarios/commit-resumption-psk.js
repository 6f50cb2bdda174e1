'use strict';

const { byReferenceOrValue } = require('../lib/variants');
const { Group } = require('../lib/group');
const describe = require('../lib/describe');

const variants = byReferenceOrValue();

// After two more epochs, a Commit takes the resumption PSK of the epoch in
// which everyone joined.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  const joinedEpoch = group.epoch;
  await group.commit(group.member('alice'));
  await group.commit(group.member('bob'));
  if (variant.byReference) {
    await group.propose(group.member('charlie'), 'ResumptionPSKProposal', { epoch_id: String(joinedEpoch) });
    await group.commit(group.member('alice'));
  } else {
    await group.commit(group.member('alice'), { byValue: [describe.resumptionPsk(joinedEpoch)] });
  }
}

module.exports = { name: 'commit-resumption-psk', roles: ['alice', 'bob', 'charlie'], variants, run };
