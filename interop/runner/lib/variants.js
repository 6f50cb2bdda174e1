'use strict';

// The variants of a single-proposal commit scenario: the proposal by
// reference (proposed by another member first) or by value in the Commit,
// each with handshake messages in the clear or encrypted.
const byReferenceOrValue = () =>
  [false, true].flatMap((encrypt) => {
    const e = encrypt ? '+encrypt' : '';
    return [{ name: `by_reference${e}`, encrypt, byReference: true }, { name: `by_value${e}`, encrypt }];
  });

module.exports = { byReferenceOrValue };
