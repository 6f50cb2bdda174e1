'use strict';

const { call } = require('./client');

// A call on behalf of a group member: errors name the member.
function memberCall(member, method, request) {
  return call(member.client, method, request).catch((error) => {
    error.message = `${member.label}: ${error.message}`;
    throw error;
  });
}

module.exports = { memberCall };
