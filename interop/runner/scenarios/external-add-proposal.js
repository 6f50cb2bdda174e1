'use strict';

const { Group } = require('../lib/group');
const { call } = require('../lib/client');
const { check } = require('../lib/outcome');

const variants = [{ name: 'new_member_add' }, { name: 'new_member_add+encrypt', encrypt: true }];

// The joiner asks to join with a new_member_proposal Add built from the
// GroupInfo; the creator commits it and the joiner joins by Welcome.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['creator', 'member'], { encrypt: variant.encrypt });
  const creator = group.member('creator');
  const info = await group.groupInfo(creator);
  const client = ctx.client('joiner');
  const identity = ctx.identity('joiner');
  const response = await call(client, 'NewMemberAddProposal', { group_info: info.group_info, identity });
  check(response.proposal.length > 0, `${client.name} NewMemberAddProposal returned no proposal`);
  group.proposals.push(response.proposal);
  const joiner = { label: 'joiner', client, identity, transactionId: response.transaction_id };
  await group.commit(group.member('member'), { joiners: [joiner] });
}

module.exports = { name: 'external-add-proposal', roles: ['creator', 'member', 'joiner'], variants, run };
