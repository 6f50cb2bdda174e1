'use strict';

// A run stops with Skip when a server answers UNIMPLEMENTED, and with
// Failure on any other error or mismatch.
class Skip extends Error {}
class Failure extends Error {}

const fail = (message) => {
  throw new Failure(message);
};

function check(condition, message) {
  if (!condition) fail(message);
}

module.exports = { Skip, Failure, fail, check };
