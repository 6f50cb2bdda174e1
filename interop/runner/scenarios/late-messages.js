'use strict';

const { Group } = require('../lib/group');
const { numbered, protect, unprotect } = require('../lib/messages');

const variants = [false, true].map((encrypt) => ({ name: encrypt ? 'force_path+encrypt' : 'force_path', encrypt }));

// Late messages of the past epoch (RFC 9420 §9.2: unconsumed secrets may be
// kept "to handle out-of-order message delivery"; §15.3): Alice protects
// messages 1 and 2, commits with an UpdatePath, protects 3 and 4. Bob handles
// the Commit before any of them, then unprotects 4, 3, 2, 1: the last two
// are of the epoch he has left.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob'], { encrypt: variant.encrypt });
  const alice = group.member('alice');
  const messages = [];
  for (const index of [1, 2]) messages.push(await protect(alice, numbered(alice, index)));
  await group.commit(alice, { forcePath: true });
  for (const index of [3, 4]) messages.push(await protect(alice, numbered(alice, index)));
  for (const message of messages.reverse()) await unprotect(group.member('bob'), message);
}

module.exports = { name: 'late-messages', roles: ['alice', 'bob'], everySuite: true, variants, run };
