'use strict';

const { notFound } = require('./rpc-error');

// One id space for group states, key-package transactions, external signers
// and pending reinits, so StorePSK can take any of the first two.
let nextId = 1;
const entries = new Map();

function add(kind, record) {
  const id = nextId++;
  entries.set(id, { kind, record });
  return id;
}

function find(id, kinds) {
  const entry = entries.get(id);
  if (!entry || !kinds.includes(entry.kind)) {
    throw notFound(`no ${kinds.join(' or ')} with id ${id}`);
  }
  return entry.record;
}

const addMember = (member) => add('state', member);
const addTransaction = (transaction) => add('transaction', transaction);
const addSigner = (signer) => add('signer', signer);
const addReinit = (reinit) => add('reinit', reinit);

const member = (id) => find(id, ['state']);
const transaction = (id) => find(id, ['transaction']);
const signer = (id) => find(id, ['signer']);
const reinit = (id) => find(id, ['reinit']);
const pskHolder = (id) => find(id, ['state', 'transaction']);

function free(id) {
  entries.delete(id);
}

module.exports = {
  addMember, addTransaction, addSigner, addReinit,
  member, transaction, signer, reinit, pskHolder, free,
};
