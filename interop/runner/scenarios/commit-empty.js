'use strict';

const { Group } = require('../lib/group');

const variants = [false, true].flatMap((encrypt) => {
  const e = encrypt ? '+encrypt' : '';
  return [{ name: `force_path${e}`, encrypt }];
});

// Empty Commits with force_path from each member in turn.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  for (const label of ['bob', 'charlie', 'alice']) {
    await group.commit(group.member(label), { forcePath: true });
  }
}

module.exports = { name: 'commit-empty', roles: ['alice', 'bob', 'charlie'], variants, run };
