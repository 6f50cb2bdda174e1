'use strict';

const { Group } = require('../lib/group');
const { call } = require('../lib/client');
const { check } = require('../lib/outcome');

const MESSAGES = 5;
const variants = [
  { name: 'in_order', order: (n) => [...Array(n).keys()] },
  { name: 'out_of_order', order: (n) => [3, 0, 4, 2, 1].filter((i) => i < n) },
];

async function protect(sender, index) {
  const message = {
    authenticated_data: Buffer.from(`aad ${sender.label} ${index}`),
    plaintext: Buffer.from(`message ${index} from ${sender.label}`),
  };
  const response = await call(sender.client, 'Protect', { state_id: sender.stateId, ...message });
  return { ...message, ciphertext: response.ciphertext };
}

async function unprotect(receiver, message) {
  const response = await call(receiver.client, 'Unprotect', { state_id: receiver.stateId, ciphertext: message.ciphertext });
  const where = `${receiver.label} (${receiver.client.name}) Unprotect`;
  check(response.plaintext.equals(message.plaintext), `${where} gave another plaintext`);
  check(response.authenticated_data.equals(message.authenticated_data), `${where} gave other authenticated data`);
}

// Each member protects several messages; every other member unprotects them
// in the variant's order, and checks plaintext and authenticated data.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie']);
  for (const sender of group.members) {
    const messages = [];
    for (let i = 0; i < MESSAGES; i++) messages.push(await protect(sender, i));
    for (const receiver of group.others(sender)) {
      for (const index of variant.order(MESSAGES)) await unprotect(receiver, messages[index]);
    }
  }
  await group.verify({ newEpoch: false });
  await group.commit(group.member('bob'));
}

module.exports = { name: 'application-messages', roles: ['alice', 'bob', 'charlie'], variants, run };
