'use strict';

const fs = require('fs');
const path = require('path');
const { assignments } = require('./pairings');

const SCENARIO_DIR = path.join(__dirname, '..', 'scenarios');

// The scenarios, each with the variants whose "name/variant" matches.
function loadScenarios(pattern) {
  const files = fs.readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.js')).sort();
  const filter = pattern ? new RegExp(pattern) : undefined;
  return files
    .map((file) => require(path.join(SCENARIO_DIR, file)))
    .map((scenario) => ({
      scenario,
      variants: scenario.variants.filter((v) => !filter || filter.test(`${scenario.name}/${v.name}`)),
    }))
    .filter((entry) => entry.variants.length > 0);
}

const rotated = (list, offset) => list[offset % list.length];

// Every variant × every role assignment on the first suite (on all suites
// with `full`, or for a scenario marked `everySuite`); on each later suite
// one variant × one assignment of each scenario, rotating, so that the
// suites share the variants and pairings.
function choices(entry, all, scenarioIndex, suiteIndex, full) {
  const everything = full || suiteIndex === 0 || entry.scenario.everySuite;
  if (everything) return entry.variants.flatMap((variant) => all.map((assignment) => ({ variant, assignment })));
  const offset = scenarioIndex + suiteIndex;
  return [{ variant: rotated(entry.variants, offset), assignment: rotated(all, offset) }];
}

function plan(entries, suites, clients, { full = false } = {}) {
  const runs = [];
  for (const [scenarioIndex, entry] of entries.entries()) {
    const all = assignments(entry.scenario.roles, clients, entry.scenario.fewAssignments);
    for (const [suiteIndex, suite] of suites.entries()) {
      for (const { variant, assignment } of choices(entry, all, scenarioIndex, suiteIndex, full)) {
        const name = `${entry.scenario.name}/${variant.name}`;
        runs.push({ scenario: entry.scenario, variant, name, suite, suites, assignment, runIndex: runs.length });
      }
    }
  }
  return runs;
}

module.exports = { loadScenarios, plan };
