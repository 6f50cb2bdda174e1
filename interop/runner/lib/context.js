'use strict';

const { fail } = require('./outcome');

// What a scenario run sees: its suite, the client of each role, fresh
// identities and group ids, and the groups to free afterwards.
function makeContext({ suite, suites, assignment, runIndex }) {
  const groups = [];
  let groupCount = 0;
  return {
    suite,
    suites,
    client: (role) => assignment[role] ?? fail(`scenario uses undeclared role ${role}`),
    identity: (label) => Buffer.from(label),
    groupId: () => Buffer.from(`interop-${runIndex}-${groupCount++}`),
    track: (group) => groups.push(group),
    cleanup: async () => {
      for (const group of groups) await group.freeAll();
    },
  };
}

module.exports = { makeContext };
