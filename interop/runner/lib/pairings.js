'use strict';

// Role assignments of a scenario over the clients: every combination while
// there are at most FULL_LIMIT of them, else a cycled set that still gives
// each client every role and mixes neighbouring roles both ways; with `few`
// (for scenarios whose roles act at random anyway) only two mixing ones.
const FULL_LIMIT = 8;

function cartesian(roleCount, clientCount) {
  let rows = [[]];
  for (let r = 0; r < roleCount; r++) {
    rows = rows.flatMap((row) => [...Array(clientCount).keys()].map((c) => [...row, c]));
  }
  return rows;
}

function cycled(roleCount, clientCount) {
  const rows = [];
  for (let shift = 0; shift < clientCount; shift++) {
    rows.push(Array(roleCount).fill(shift));
    rows.push([...Array(roleCount).keys()].map((i) => (i + shift) % clientCount));
    rows.push([...Array(roleCount).keys()].map((i) => (Math.floor(i / 2) + shift) % clientCount));
  }
  return rows;
}

// Only the rows that mix the clients, from the first shift.
function mixed(roleCount, clientCount) {
  if (clientCount === 1) return [Array(roleCount).fill(0)];
  return cycled(roleCount, clientCount).slice(1, 3);
}

function unique(rows) {
  const seen = new Map(rows.map((row) => [row.join(','), row]));
  return [...seen.values()];
}

function assignments(roles, clients, few = false) {
  const full = clients.length ** roles.length <= FULL_LIMIT;
  const rows = full ? cartesian(roles.length, clients.length)
    : few ? mixed(roles.length, clients.length) : cycled(roles.length, clients.length);
  return unique(rows).map((row) => Object.fromEntries(roles.map((role, i) => [role, clients[row[i]]])));
}

module.exports = { assignments };
