'use strict';

const { makeContext } = require('./context');
const { Skip } = require('./outcome');

function describeRun(run) {
  const roles = Object.entries(run.assignment).map(([role, client]) => `${role}=${client.name}`).join(' ');
  return `${run.name} suite=${run.suite} ${roles}`;
}

async function outcome(run) {
  const ctx = makeContext(run);
  try {
    await run.scenario.run(ctx, run.variant);
    return { status: 'PASS' };
  } catch (error) {
    const status = error instanceof Skip ? 'SKIP' : 'FAIL';
    return { status, reason: error.message };
  } finally {
    await ctx.cleanup().catch(() => {});
  }
}

function line(run, result) {
  const text = `${result.status} ${describeRun(run)}`;
  return result.reason ? `${text}: ${result.reason.replace(/\s+/g, ' ')}` : text;
}

// Runs up to `jobs` at a time and prints the lines in plan order.
async function execute(runs, jobs) {
  const tally = { PASS: 0, FAIL: 0, SKIP: 0 };
  const results = new Array(runs.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < runs.length && results[printed]) {
      console.log(line(runs[printed], results[printed]));
      tally[results[printed].status] += 1;
      printed += 1;
    }
  };
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      results[index] = await outcome(runs[index]);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, runs.length) }, worker));
  return tally;
}

module.exports = { execute };
