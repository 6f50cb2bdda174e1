'use strict';

const { Group } = require('../lib/group');
const { numbered, protect, unprotect } = require('../lib/messages');

const MESSAGES = 5;
const variants = [
  { name: 'in_order', order: (n) => [...Array(n).keys()] },
  { name: 'out_of_order', order: (n) => [3, 0, 4, 2, 1].filter((i) => i < n) },
];

// Each member protects several messages; every other member unprotects them
// in the variant's order, and checks plaintext and authenticated data.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie']);
  for (const sender of group.members) {
    const messages = [];
    for (let i = 0; i < MESSAGES; i++) messages.push(await protect(sender, numbered(sender, i)));
    for (const receiver of group.others(sender)) {
      for (const index of variant.order(MESSAGES)) await unprotect(receiver, messages[index]);
    }
  }
  await group.verify({ newEpoch: false });
  await group.commit(group.member('bob'));
}

module.exports = { name: 'application-messages', roles: ['alice', 'bob', 'charlie'], variants, run };
