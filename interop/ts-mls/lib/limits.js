'use strict';

const { unimplemented } = require('./rpc-error');

// What ts-mls 1.6.4 cannot do, as the UNIMPLEMENTED answers give it.
const REASONS = {
  forcePath: 'ts-mls 1.6.4 createCommit cannot force an UpdatePath (force_path)',
  gcePath: 'ts-mls 1.6.4 commits a GroupContextExtensions proposal without the UpdatePath RFC 9420 §12.4 requires',
  externalJoinPsk: 'ts-mls 1.6.4 joinGroupExternal cannot put PreSharedKey proposals in an external commit',
  externalSenders: 'ts-mls 1.6.4 reads external_senders extension_data as a single ExternalSender, not the ' +
    'ExternalSender vector of RFC 9420 §12.1.8.1, so it cannot hold a conformant external_senders extension',
  unmergedLeaves: 'ts-mls 1.6.4 rejects valid ratchet trees whose parent nodes on one direct path list different ' +
    'unmerged_leaves (it demands equal lists, RFC 9420 §12.4.3.1 only that each intermediate node lists the leaf)',
};

const limit = (name) => unimplemented(REASONS[name]);

// ts-mls's own errors that come from the limits above.
const KNOWN_ERRORS = [
  [/external_?sender/i, 'externalSenders'],
  [/non-blank intermediate node must list leaf node in its unmerged_leaves/, 'unmergedLeaves'],
];

function translate(error) {
  const known = KNOWN_ERRORS.find(([pattern]) => pattern.test(error?.message ?? ''));
  return known ? limit(known[1]) : error;
}

module.exports = { limit, translate };
