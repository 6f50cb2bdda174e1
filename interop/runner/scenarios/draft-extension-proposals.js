'use strict';

const { Skip } = require('../lib/outcome');

const variants = [{ name: 'self_remove+app_data_update+app_ephemeral' }];

// draft-ietf-mls-extensions' proposals have no MLSClient call, and no peer
// implements them: ts-mls 1.6.4's proposal types stop at
// group_context_extensions (dist/src/defaultProposalType.js), and the check
// against OpenMLS goes through core-crypto 10.3.0, whose API and WebAssembly
// carry neither SelfRemove nor AppDataUpdate/AppEphemeral. Conclave with
// itself is covered by tests/extensions/ (spec-notes/interop.md).
async function run(ctx) {
  const peer = ctx.client('member').name;
  throw new Skip(peer === 'conclave'
    ? 'the MLSClient interface has no call for SelfRemove, AppDataUpdate or AppEphemeral; tests/extensions cover Conclave with itself'
    : `${peer} implements no SelfRemove, AppDataUpdate or AppEphemeral (ts-mls 1.6.4: no such proposal type)`);
}

module.exports = { name: 'draft-extension-proposals', roles: ['member'], variants, run };
