'use strict';

const { call } = require('./client');

// StorePSK on group members (state ids) or joiners (transaction ids).
async function storePsk(holders, pskId, pskSecret) {
  for (const holder of holders) {
    const id = holder.stateId ?? holder.transactionId;
    await call(holder.client, 'StorePSK', { state_or_transaction_id: id, psk_id: pskId, psk_secret: pskSecret });
  }
}

module.exports = { storePsk };
