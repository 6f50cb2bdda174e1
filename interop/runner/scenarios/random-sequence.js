'use strict';

const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { protect, unprotect } = require('../lib/messages');
const { seededRandom, hashSeed } = require('../lib/random');

const SLOTS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
const STEPS = 40;
const MIN_MEMBERS = 4;
const MAX_MEMBERS = 8;

// Joiners commit right after joining, except with lazy joiners, whose trees
// gather unmerged leaves.
const variants = [
  { name: `${STEPS}_steps`, seed: 1 },
  { name: `${STEPS}_steps+encrypt`, seed: 2, encrypt: true },
  { name: `${STEPS}_steps+lazy_joiners`, seed: 3, lazyJoiners: true },
];

function state(ctx, group, rng, variant) {
  let joined = 0;
  const nextJoiner = () => {
    const n = joined++;
    return { slot: SLOTS[n % SLOTS.length], label: `p${n}` };
  };
  return { ctx, group, rng, nextJoiner, lazyJoiners: variant.lazyJoiners };
}

async function add(s) {
  const { slot, label } = s.nextJoiner();
  const joiner = await s.group.keyPackage(slot, label);
  const committer = s.rng.pick(s.group.members);
  if (s.rng.next() < 0.5) {
    await s.group.commit(committer, { byValue: [describe.add(joiner)], joiners: [joiner] });
  } else {
    await s.group.propose(s.rng.pick(s.group.members), 'AddProposal', { key_package: joiner.keyPackage });
    await s.group.commit(committer, { joiners: [joiner] });
  }
  if (!s.lazyJoiners) await s.group.commit(s.group.member(label));
}

async function remove(s) {
  const committer = s.rng.pick(s.group.members);
  const victim = s.rng.pick(s.group.others(committer));
  if (s.rng.next() < 0.5) return s.group.commit(committer, { byValue: [describe.remove(victim)], removed: [victim] });
  const proposer = s.rng.pick(s.group.others(victim));
  await s.group.propose(proposer, 'RemoveProposal', { removed_id: victim.identity });
  return s.group.commit(committer, { removed: [victim] });
}

async function update(s) {
  const proposer = s.rng.pick(s.group.members);
  await s.group.propose(proposer, 'UpdateProposal');
  return s.group.commit(s.rng.pick(s.group.others(proposer)));
}

async function message(s) {
  const sender = s.rng.pick(s.group.members);
  const plaintext = Buffer.from(`random message ${s.rng.below(1e9)}`);
  const sent = await protect(sender, { authenticated_data: Buffer.alloc(0), plaintext });
  for (const receiver of s.group.others(sender)) await unprotect(receiver, sent);
}

const emptyCommit = (s) => s.group.commit(s.rng.pick(s.group.members));

function actions(s) {
  const size = s.group.members.length;
  return [
    ...(size < MAX_MEMBERS ? [add, add] : []),
    ...(size > MIN_MEMBERS ? [remove] : []),
    update, message, emptyCommit,
  ];
}

// A seeded sequence of adds, removes, updates, application messages and
// empty commits by random members, between 4 and 8 members spread over the
// clients; the group checks agree after every step.
async function run(ctx, variant) {
  const assignment = SLOTS.map((slot) => ctx.client(slot).name).join(',');
  const rng = seededRandom(hashSeed(`${variant.seed}:${ctx.suite}:${assignment}`));
  const group = await Group.create(ctx, 'm0', { encrypt: variant.encrypt, label: 'p0' });
  const s = state(ctx, group, rng, variant);
  s.nextJoiner();
  while (group.members.length < MIN_MEMBERS) await add(s);
  for (let step = 1; step <= STEPS; step++) {
    const action = rng.pick(actions(s));
    try {
      await action(s);
    } catch (error) {
      error.message = `step ${step} (${action.name}): ${error.message}`;
      throw error;
    }
  }
}

module.exports = { name: 'random-sequence', roles: SLOTS, fewAssignments: true, variants, run };
