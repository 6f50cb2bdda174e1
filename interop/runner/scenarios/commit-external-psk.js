'use strict';

const { byReferenceOrValue } = require('../lib/variants');
const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { storePsk } = require('../lib/psk');

const PSK_ID = Buffer.from('external-psk');
const PSK_SECRET = Buffer.alloc(32, 0xa5);

const variants = byReferenceOrValue();

// A Commit whose key schedule takes an external PSK all members stored.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  await storePsk(group.members, PSK_ID, PSK_SECRET);
  if (variant.byReference) {
    await group.propose(group.member('bob'), 'ExternalPSKProposal', { psk_id: PSK_ID });
    await group.commit(group.member('charlie'));
  } else {
    await group.commit(group.member('charlie'), { byValue: [describe.externalPsk(PSK_ID)] });
  }
}

module.exports = { name: 'commit-external-psk', roles: ['alice', 'bob', 'charlie'], variants, run };
