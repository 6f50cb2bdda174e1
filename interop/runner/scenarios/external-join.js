'use strict';

const { Group } = require('../lib/group');
const { storePsk } = require('../lib/psk');
const { memberCall } = require('../lib/member-call');
const { check } = require('../lib/outcome');

const PSK = { psk_id: Buffer.from('external-join-psk'), psk_secret: Buffer.alloc(32, 0x77) };

const variants = [
  { name: 'tree_in_group_info' },
  { name: 'tree_in_group_info+encrypt', encrypt: true },
  { name: 'external_tree', externalTree: true },
  { name: 'psk', psk: true },
  { name: 'remove_prior', removePrior: true },
  { name: 'remove_prior+external_tree+encrypt', removePrior: true, externalTree: true, encrypt: true },
];

// A new member joins by external Commit from `via`'s GroupInfo.
async function externalJoin(group, role, { via, externalTree, removePrior, psks, removed }) {
  const info = await group.groupInfo(via, externalTree);
  if (externalTree) check(info.ratchet_tree.length > 0, 'GroupInfo with external_tree returned no ratchet_tree');
  const joiner = { label: role, client: group.ctx.client(role), identity: group.ctx.identity(role) };
  const request = {
    group_info: info.group_info, ratchet_tree: info.ratchet_tree, encrypt_handshake: group.encrypt,
    identity: joiner.identity, remove_prior: !!removePrior, psks,
  };
  const response = await memberCall(joiner, 'ExternalJoin', request);
  check(response.commit.length > 0, `${joiner.client.name} ExternalJoin returned no commit`);
  await group.handleCommit(response.commit, [], { removed });
  const member = group.addMember(joiner, response);
  await group.verify();
  return member;
}

// The joiner joins by external Commit (replacing its prior self for
// remove_prior), then commits once more as a member.
async function run(ctx, variant) {
  const roles = variant.removePrior ? ['creator', 'member', 'joiner'] : ['creator', 'member'];
  const group = await Group.start(ctx, roles, { encrypt: variant.encrypt });
  const psks = variant.psk ? [PSK] : [];
  if (variant.psk) await storePsk(group.members, PSK.psk_id, PSK.psk_secret);
  const removed = variant.removePrior ? [group.member('joiner')] : [];
  const joiner = await externalJoin(group, 'joiner', {
    via: group.member('member'), externalTree: !!variant.externalTree, removePrior: variant.removePrior, psks, removed,
  });
  await group.commit(joiner);
}

module.exports = { name: 'external-join', roles: ['creator', 'member', 'joiner'], variants, run };
