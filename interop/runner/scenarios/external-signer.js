'use strict';

const { Group } = require('../lib/group');
const describe = require('../lib/describe');
const { call } = require('../lib/client');
const { check } = require('../lib/outcome');

const variants = [{ name: 'add' }, { name: 'remove' }, { name: 'add+encrypt', encrypt: true }];

async function addSigner(ctx, group) {
  const client = ctx.client('signer');
  const request = { cipher_suite: ctx.suite, identity: ctx.identity('signer') };
  const signer = await call(client, 'CreateExternalSigner', request);
  check(signer.external_sender.length > 0, `${client.name} CreateExternalSigner returned no external_sender`);
  await group.propose(group.member('creator'), 'AddExternalSigner', { external_sender: signer.external_sender });
  await group.commit(group.member('member'));
  return { client, signerId: signer.signer_id, signerIndex: 0 };
}

async function signerProposal(group, signer, description) {
  const info = await group.groupInfo(group.member('creator'), true);
  const request = {
    signer_id: signer.signerId, signer_index: signer.signerIndex, group_info: info.group_info,
    ratchet_tree: info.ratchet_tree, description,
  };
  const response = await call(signer.client, 'ExternalSignerProposal', request);
  check(response.proposal.length > 0, `${signer.client.name} ExternalSignerProposal returned no proposal`);
  group.proposals.push(response.proposal);
}

// The group takes an external sender into its GroupContext, then commits an
// Add or a Remove that the external sender proposed.
async function run(ctx, variant) {
  const group = await Group.start(ctx, ['creator', 'member'], { encrypt: variant.encrypt });
  const signer = await addSigner(ctx, group);
  if (variant.name.startsWith('add')) {
    const joiner = await group.keyPackage('signer', 'joiner');
    await signerProposal(group, signer, describe.add(joiner));
    await group.commit(group.member('creator'), { joiners: [joiner] });
  } else {
    const member = group.member('member');
    await signerProposal(group, signer, describe.remove(member));
    await group.commit(group.member('creator'), { removed: [member] });
  }
}

module.exports = { name: 'external-signer', roles: ['creator', 'member', 'signer'], variants, run };
