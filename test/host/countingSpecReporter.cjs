// Mocha's spec reporter, plus a JSON summary for the orchestrator (scripts/test.mjs): the unit tier's output
// stays live and readable while its counts reach the closing "N passed, N failed" line.
// The summary goes to the file named by FORGE_TEST_COUNTS; without it this is the plain spec reporter.
const fs = require('node:fs');
const Mocha = require('mocha/lib/mocha.cjs');

/** What test/support/requirements.ts skipWithout() recorded on the test or one of its suites (same key). */
function requirementOf(test) {
  for (let node = test; node; node = node.parent) if (node.forgeRequirement) return node.forgeRequirement;
  return undefined;
}

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const tests = [];
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => {
      const requirement = requirementOf(test);
      tests.push({ title: test.fullTitle(), state: 'pending', ...(requirement ? { requirement } : {}) });
    });
    runner.on('fail', (test, error) => tests.push({ title: test.fullTitle(), state: 'failed', error: String(error && error.message) }));
    runner.once('end', () => {
      const target = process.env.FORGE_TEST_COUNTS;
      if (!target) return;
      const count = (state) => tests.filter((t) => t.state === state).length;
      const summary = { passed: count('passed'), failed: Math.max(count('failed'), this.stats.failures), pending: count('pending'), tests };
      fs.writeFileSync(`${target}.tmp`, JSON.stringify(summary));
      fs.renameSync(`${target}.tmp`, target);
    });
  }
}

module.exports = CountingSpecReporter;
