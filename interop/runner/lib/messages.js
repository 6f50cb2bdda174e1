'use strict';

const { call } = require('./client');
const { check } = require('./outcome');

// Message `index` of `sender`: plaintext and authenticated data that name both.
const numbered = (sender, index) => ({
  authenticated_data: Buffer.from(`aad ${sender.label} ${index}`),
  plaintext: Buffer.from(`message ${index} from ${sender.label}`),
});

// Protect: `message` ({ plaintext, authenticated_data }) with its ciphertext.
async function protect(sender, message) {
  const response = await call(sender.client, 'Protect', { state_id: sender.stateId, ...message });
  return { ...message, ciphertext: response.ciphertext };
}

// Unprotect, which must give back the sender's plaintext and authenticated data.
async function unprotect(receiver, message) {
  const response = await call(receiver.client, 'Unprotect', { state_id: receiver.stateId, ciphertext: message.ciphertext });
  const where = `${receiver.label} (${receiver.client.name}) Unprotect`;
  check(response.plaintext.equals(message.plaintext), `${where} gave another plaintext`);
  check(response.authenticated_data.equals(message.authenticated_data), `${where} gave other authenticated data`);
}

module.exports = { numbered, protect, unprotect };
