'use strict';

const { Group } = require('../lib/group');
const { storePsk } = require('../lib/psk');

const PSK_ID = Buffer.from('many-proposals-psk');
const PSK_SECRET = Buffer.alloc(32, 0x3c);

const variants = [{ name: 'by_reference', encrypt: false }, { name: 'by_reference+encrypt', encrypt: true }];

// Proposals of four kinds from three members, committed by reference at once
// by one of the proposers: Bob updates, Charlie adds Dave and removes Erin,
// Alice brings an external PSK; Charlie commits.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie', 'erin'], { encrypt: variant.encrypt });
  const [alice, bob, charlie, erin] = ['alice', 'bob', 'charlie', 'erin'].map((l) => group.member(l));
  const dave = await group.keyPackage('dave');
  await storePsk([...group.members, dave], PSK_ID, PSK_SECRET);
  await group.propose(bob, 'UpdateProposal');
  await group.propose(charlie, 'AddProposal', { key_package: dave.keyPackage });
  await group.propose(charlie, 'RemoveProposal', { removed_id: erin.identity });
  await group.propose(alice, 'ExternalPSKProposal', { psk_id: PSK_ID });
  await group.commit(charlie, { joiners: [dave], removed: [erin] });
}

module.exports = { name: 'commit-many-proposals', roles: ['alice', 'bob', 'charlie', 'dave', 'erin'], variants, run };
