'use strict';

const { memberCall } = require('./member-call');
const { check, fail } = require('./outcome');

const EXPORT_REQUEST = { label: 'conclave interop', context: Buffer.from('exporter context'), key_length: 32 };
const short = (bytes) => Buffer.from(bytes).toString('hex').slice(0, 16);
const same = (a, b) => Buffer.from(a).equals(Buffer.from(b));

function checkAllEqual(group, values, what) {
  if (values.every((v) => v.length > 0 && same(v, values[0]))) return;
  const list = group.members.map((m, i) => `${m.label}@${m.client.name}=${short(values[i])}`).join(' ');
  fail(`${what} differ: ${list}`);
}

async function stateAuths(group) {
  const auths = [];
  for (const member of group.members) {
    const { state_auth_secret: auth } = await memberCall(member, 'StateAuth', { state_id: member.stateId });
    const reported = group.reported.get(member);
    const where = `${member.label} (${member.client.name})`;
    if (reported) check(same(reported, auth), `${where} returned an epoch authenticator that its StateAuth contradicts`);
    auths.push(auth);
  }
  group.reported = new Map();
  return auths;
}

async function exports(group) {
  const secrets = [];
  for (const member of group.members) {
    const response = await memberCall(member, 'Export', { state_id: member.stateId, ...EXPORT_REQUEST });
    secrets.push(response.exported_secret);
  }
  return secrets;
}

// Every member's reported epoch authenticator (from Handle*, Join...) is its
// StateAuth; all StateAuths and Exports are equal; a commit changed the epoch.
async function checkAgreement(group, { newEpoch = true } = {}) {
  const auths = await stateAuths(group);
  checkAllEqual(group, auths, 'epoch authenticators');
  if (newEpoch) check(!group.lastAuth || !same(group.lastAuth, auths[0]), 'the epoch authenticator did not change');
  group.lastAuth = auths[0];
  checkAllEqual(group, await exports(group), 'exported secrets');
}

module.exports = { checkAgreement };
