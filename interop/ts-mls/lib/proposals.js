'use strict';

const wire = require('./wire');
const { leafIndexOf } = require('./identity');
const { suiteName } = require('./suites');
const { invalid } = require('./rpc-error');

const pskNonce = (cs) => cs.rng.randomBytes(cs.kdf.size);

const add = (keyPackageBytes) => ({
  proposalType: 'add',
  add: { keyPackage: wire.decodeKeyPackage(keyPackageBytes) },
});

const remove = (tree, identity) => ({
  proposalType: 'remove',
  remove: { removed: leafIndexOf(tree, identity) },
});

const externalPsk = (pskId, cs) => ({
  proposalType: 'psk',
  psk: { preSharedKeyId: { psktype: 'external', pskId: wire.toBytes(pskId), pskNonce: pskNonce(cs) } },
});

const resumptionPsk = (groupId, epoch, cs, usage = 'application') => ({
  proposalType: 'psk',
  psk: {
    preSharedKeyId: {
      psktype: 'resumption', usage, pskGroupId: groupId, pskEpoch: BigInt(epoch),
      pskNonce: pskNonce(cs),
    },
  },
});

const groupContextExtensions = (extensions) => ({
  proposalType: 'group_context_extensions',
  groupContextExtensions: { extensions: wire.toExtensions(extensions) },
});

const reinit = (groupId, cipherSuite, extensions) => ({
  proposalType: 'reinit',
  reinit: {
    groupId: wire.toBytes(groupId), version: 'mls10', cipherSuite: suiteName(cipherSuite),
    extensions: wire.toExtensions(extensions),
  },
});

// A ProposalDescription (CommitRequest.by_value, ExternalSignerProposal) as
// a ts-mls Proposal, for a group with this context and tree.
function fromDescription(description, context, tree, cs) {
  if (!description) throw invalid('missing ProposalDescription');
  const type = Buffer.from(description.proposal_type ?? []).toString();
  switch (type) {
    case 'add': return add(description.key_package);
    case 'remove': return remove(tree, description.removed_id);
    case 'externalPSK': return externalPsk(description.psk_id, cs);
    case 'resumptionPSK': return resumptionPsk(context.groupId, description.epoch_id, cs);
    case 'groupContextExtensions': return groupContextExtensions(description.extensions);
    case 'reinit': return reinit(description.group_id, description.cipher_suite, description.extensions);
    default: throw invalid(`unknown proposal_type "${type}"`);
  }
}

module.exports = { add, remove, externalPsk, resumptionPsk, groupContextExtensions, reinit, fromDescription };
