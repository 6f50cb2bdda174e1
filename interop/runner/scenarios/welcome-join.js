'use strict';

const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { storePsk } = require('../lib/psk');

const PSK_ID = Buffer.from('welcome-psk');
const PSK_SECRET = Buffer.alloc(32, 0x5a);

const variants = [false, true].flatMap((encrypt) => {
  const e = encrypt ? '+encrypt' : '';
  return [
    { name: `tree_in_welcome${e}`, encrypt },
    { name: `external_tree${e}`, encrypt, externalTree: true },
    { name: `force_path${e}`, encrypt, forcePath: true },
    { name: `external_tree+force_path${e}`, encrypt, externalTree: true, forcePath: true },
    { name: `psk_by_value${e}`, encrypt, psk: 'value' },
    { name: `psk_by_reference${e}`, encrypt, psk: 'reference' },
  ];
});

async function addPsk(group, creator, joiner, how) {
  await storePsk([creator, joiner], PSK_ID, PSK_SECRET);
  if (how === 'value') return [describe.externalPsk(PSK_ID)];
  await group.propose(creator, 'ExternalPSKProposal', { psk_id: PSK_ID });
  return [];
}

// The creator adds the joiner with one Commit; the joiner joins by Welcome.
async function run(ctx, variant) {
  const group = await Group.create(ctx, 'creator', { encrypt: variant.encrypt });
  const creator = group.members[0];
  const joiner = await group.keyPackage('joiner');
  const pskProposals = variant.psk ? await addPsk(group, creator, joiner, variant.psk) : [];
  await group.commit(creator, {
    byValue: [describe.add(joiner), ...pskProposals],
    joiners: [joiner],
    externalTree: variant.externalTree,
    forcePath: variant.forcePath,
  });
}

module.exports = { name: 'welcome-join', roles: ['creator', 'joiner'], variants, run };
