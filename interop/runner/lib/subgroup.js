'use strict';

const { Group } = require('./group');
const { check } = require('./outcome');

// The group a branch or reinit creates, from the creator's
// CreateSubgroupResponse and the others' JoinGroupResponses.
function subgroup(ctx, parent, creator, created) {
  check(created.welcome.length > 0, `${creator.client.name} returned no Welcome for the new group`);
  const group = new Group(ctx, parent.encrypt);
  group.addMember(creator, created);
  return group;
}

module.exports = { subgroup };
