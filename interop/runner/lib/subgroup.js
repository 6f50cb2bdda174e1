'use strict';

const { Group } = require('./group');
const { check } = require('./outcome');

// The group a branch or reinit creates, from the creator's
// CreateSubgroupResponse and the others' JoinGroupResponses.
function subgroup(ctx, parent, creator, created) {
  check(created.welcome.length > 0, `${creator.client.name} returned no Welcome for the new group`);
  const group = new Group(ctx, parent.encrypt);
  const member = { label: creator.label, client: creator.client, identity: creator.identity };
  group.members.push(member);
  group.report(member, created);
  return group;
}

function joined(group, joiner, response) {
  const member = { label: joiner.label, client: joiner.client, identity: joiner.identity };
  group.members.push(member);
  group.report(member, response);
}

module.exports = { subgroup, joined };
