'use strict';

// ProposalDescription messages (CommitRequest.by_value, ExternalSignerProposal).
const type = (name) => ({ proposal_type: Buffer.from(name) });

module.exports = {
  add: (keyPackage) => ({ ...type('add'), key_package: keyPackage.keyPackage }),
  remove: (member) => ({ ...type('remove'), removed_id: member.identity }),
  externalPsk: (pskId) => ({ ...type('externalPSK'), psk_id: pskId }),
  resumptionPsk: (epoch) => ({ ...type('resumptionPSK'), epoch_id: String(epoch) }),
  groupContextExtensions: (extensions) => ({ ...type('groupContextExtensions'), extensions }),
};
