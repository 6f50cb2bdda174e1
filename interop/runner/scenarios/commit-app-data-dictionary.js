'use strict';

const { byReferenceOrValue } = require('../lib/variants');
const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { appDataDictionary } = require('../lib/app-data');

const variants = byReferenceOrValue();

// draft-ietf-mls-extensions: the GroupContext gains an app_data_dictionary
// with two private-use components, then one changes and one goes (each
// change a GroupContextExtensions, since no peer has AppDataUpdate). Every
// member must hash the same GroupContext, so each commit checks that they
// agree on the new epoch.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['alice', 'bob', 'charlie'], { encrypt: variant.encrypt });
  const steps = [
    ['bob', 'alice', [{ componentId: 0x8001, data: 'host=alice' }, { componentId: 0x8002, data: 'open' }]],
    ['alice', 'charlie', [{ componentId: 0x8001, data: 'host=bob;cohosts=charlie' }]],
  ];
  for (const [proposer, committer, entries] of steps) {
    const extensions = [appDataDictionary(entries)];
    if (variant.byReference) {
      await group.propose(group.member(proposer), 'GroupContextExtensionsProposal', { extensions });
      await group.commit(group.member(committer));
    } else {
      await group.commit(group.member(committer), { byValue: [describe.groupContextExtensions(extensions)] });
    }
  }
}

module.exports = { name: 'commit-app-data-dictionary', roles: ['alice', 'bob', 'charlie'], variants, run };
