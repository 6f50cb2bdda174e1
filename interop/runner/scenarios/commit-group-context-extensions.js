'use strict';

const { byReferenceOrValue } = require('../lib/variants');
const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { interopExtension } = require('../lib/extensions');

const variants = byReferenceOrValue();

// The GroupContext gains a private-use extension, then changes it again.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  for (const [proposer, committer, text] of [['bob', 'alice', 'first'], ['alice', 'charlie', 'second']]) {
    const extensions = [interopExtension(text)];
    if (variant.byReference) {
      await group.propose(group.member(proposer), 'GroupContextExtensionsProposal', { extensions });
      await group.commit(group.member(committer));
    } else {
      await group.commit(group.member(committer), { byValue: [describe.groupContextExtensions(extensions)] });
    }
  }
}

module.exports = { name: 'commit-group-context-extensions', roles: ['alice', 'bob', 'charlie'], variants, run };
