// `npm test`: typecheck, lint, build, system packages, the unit tier, the integration tier (the suites inside a real
// VS Code, plus the packaged-vsix check), the reliability tier, and a closing summary: one line per tier, every
// pending test with its reason, and why the run failed (test/host/verdict.ts decides).
// Options: --host code-server|electron|auto (or FORGE_TEST_HOST), --grep <pattern>, --tier unit|integration|reliability|all,
// --skip-checks (no typecheck and lint: for iterating on tests; the build always runs).
import { parseArgs } from 'node:util';
import { CHECKS, runCheck, type CheckResult } from './checks';
import { runIntegrationInCodeServer } from './codeServerHost';
import { runPackagedVsixTest } from './packagedVsix';
import type { TierResult } from './results';
import { selectHost } from './selectHost';
import { ensureSystemPackages } from './systemPackages';
import { runReliabilityTier } from './reliabilityTier';
import { requirementPresent } from './requirementProbes';
import { runUnitTier } from './unitTier';
import { decide, type Verdict } from './verdict';

interface Options {
  readonly host: string | undefined;
  readonly grep: string | undefined;
  readonly tier: 'unit' | 'integration' | 'reliability' | 'all';
  readonly skipChecks: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      grep: { type: 'string' },
      tier: { type: 'string', default: 'all' },
      'skip-checks': { type: 'boolean', default: false },
    },
  });
  const tier = values.tier;
  if (tier !== 'unit' && tier !== 'integration' && tier !== 'reliability' && tier !== 'all') throw new Error(`--tier must be unit, integration, reliability or all, not "${tier}"`);
  return { host: values.host, grep: values.grep, tier, skipChecks: values['skip-checks'] };
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const checks: CheckResult[] = [];
  for (const check of CHECKS) {
    if (options.skipChecks && check.name !== 'build') continue;
    checks.push(await runCheck(check.name, check.command, check.args));
  }
  const built = checks.find((c) => c.name === 'build')?.ok ?? false;
  // Before the first tier: a test must never be skipped on a fresh machine for a package the harness installs.
  checks.push(await systemPackagesCheck());

  const tiers: TierResult[] = [];
  // Before the first tier: the unit tier's isolation tests need bubblewrap and slirp4netns too.
  await ensureSystemPackages();
  if (options.tier === 'all' || options.tier === 'unit') {
    console.log('\n[forge-test] unit tier: mocha test/unit/**');
    tiers.push(await runUnitTier(options.grep));
  }
  if (options.tier === 'all' || options.tier === 'integration') tiers.push(...(await runIntegrationTier(options, built)));
  // Reliability tier (test/reliability, `npm run reliability`): fault matrix, bad inputs, secrets, load, restart.
  if (options.tier === 'all' || options.tier === 'reliability') {
    console.log('\n[forge-test] reliability tier: npm run reliability');
    tiers.push(await runReliabilityTier(options.grep));
  }

  const verdict = decide({ checks, tiers, present: requirementPresent });
  printSummary(checks, tiers, verdict);
  return verdict.ok ? 0 : 1;
}

async function systemPackagesCheck(): Promise<CheckResult> {
  const started = Date.now();
  console.log('\n[forge-test] system packages: test/host/systemPackages.json');
  try {
    await ensureSystemPackages();
    return { name: 'system packages', ok: true, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    console.log(`[forge-test] system packages FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return { name: 'system packages', ok: false, seconds: (Date.now() - started) / 1000 };
  }
}

async function runIntegrationTier(options: Options, built: boolean): Promise<TierResult[]> {
  const started = Date.now();
  if (!built) return [{ name: 'integration', passed: 0, failed: 1, pending: 0, tests: [], problem: 'the build failed', seconds: 0 }];
  const host = await selectHost(options.host);
  console.log(`\n[forge-test] integration tier on ${host.kind} (${host.reason})`);
  try {
    if (host.kind === 'electron') {
      const { runIntegrationInElectron } = await import('./electronHost');
      return [await runIntegrationInElectron(options.grep)];
    }
    const suites = await runIntegrationInCodeServer(options.grep ? { grep: options.grep } : {});
    // The Restricted Mode cycle (workspace trust on, test/integration/untrusted/): its own tier line and guard.
    console.log('\n[forge-test] integration tier, Restricted Mode: an untrusted folder, workspace trust on');
    const untrusted = await runIntegrationInCodeServer({ untrusted: true, ...(options.grep ? { grep: options.grep } : {}) });
    // Under --grep a cycle whose suites the pattern does not name ran nothing, and that is no failure.
    if (options.grep) return [suites, untrusted].filter((tier) => tier.problem !== undefined || tier.passed + tier.failed > 0);
    console.log('\n[forge-test] packaged vsix: npm run package, install into code-server, look for the command');
    const packaged = await runPackagedVsixTest();
    for (const test of packaged.tests) console.log(`  ${test.state === 'passed' ? '✔' : '✖'} ${test.title}${test.error ? `\n${test.error}` : ''}`);
    return [suites, untrusted, packaged];
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return [{ name: 'integration', passed: 0, failed: 1, pending: 0, tests: [], problem, seconds: (Date.now() - started) / 1000 }];
  }
}

function printSummary(checks: readonly CheckResult[], tiers: readonly TierResult[], verdict: Verdict): void {
  console.log('\n[forge-test] ---------------- summary ----------------');
  for (const check of checks) console.log(`${check.name}: ${check.ok ? 'ok' : 'FAILED'} (${check.seconds.toFixed(1)} s)`);
  for (const tier of tiers) {
    const where = tier.vscodeVersion ? ` in VS Code ${tier.vscodeVersion} (${tier.host ?? '?'})` : '';
    console.log(`${label(tier.name)}${where}: ${tier.passed} passed, ${tier.failed} failed, ${tier.pending} pending (${tier.seconds.toFixed(1)} s)`);
    if (tier.problem) console.log(`  problem: ${tier.problem}`);
    for (const test of tier.tests.filter((t) => t.state === 'failed')) console.log(`  ✖ ${test.title}`);
  }
  for (const test of verdict.pending) console.log(`  ${test.wrong ? '✖' : '-'} pending (${test.tier}): ${test.title}: ${test.reason}`);
  const passed = tiers.reduce((n, t) => n + t.passed, 0);
  const failed = tiers.reduce((n, t) => n + t.failed, 0);
  console.log(`${passed} passed, ${failed} failed, ${verdict.pending.length} pending`);
  for (const problem of verdict.problems) console.log(`[forge-test] FAILED: ${problem}`);
}

function label(name: string): string {
  if (name === 'unit') return 'unit tier';
  if (name === 'reliability') return 'reliability tier';
  if (name === 'packaged') return 'integration tier, packaged vsix';
  if (name === 'integration-untrusted') return 'integration tier, Restricted Mode';
  return 'integration tier, extension host';
}
