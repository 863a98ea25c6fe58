// Pinned real dev servers for the diagnosis tests (installed once per machine into the test cache, see
// test/support/realServers.ts), and the check each test makes: the server's own output, colours and all, goes
// through the same LogTail and diagnose() as a preview's dev server log.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DIAGNOSE_LINES, diagnose } from '../../../../../src/core/pipeline/diagnose';
import { LogTail } from '../../../../../src/core/logs/tail';
import { serverKit } from '../../../../support/realServers';

export const KITS = {
  vite7: { vite: '7.3.8' },
  vite8: { vite: '8.4.0' },
  next: { next: '16.4.6', react: '19.2.0', 'react-dom': '19.2.0' },
  webpack: { webpack: '5.113.0', 'webpack-cli': '7.3.1', 'webpack-dev-server': '6.1.0' },
  // express-generator's app (express 4) and a bare Express 5 app.
  express: { 'express-generator': '4.16.1', express: '5.3.0', 'cookie-parser': '1.4.7', debug: '2.6.9', morgan: '1.9.1' },
  // Astro 5: Astro 6 and later need Node 22, and sandboxes run the host's Node 20.
  astro: { astro: '5.9.4' },
  sveltekit: { '@sveltejs/kit': '2.70.4', '@sveltejs/vite-plugin-svelte': '7.3.1', svelte: '5.57.3', vite: '8.4.0' },
} as const satisfies Record<string, Record<string, string>>;

export type KitName = keyof typeof KITS;

let installs: Map<KitName, Promise<string>> | undefined;

/**
 * A kit's folder. The first call starts every kit's install at once (first use on a machine only: the installs
 * mostly wait on the registry, so together they take about as long as the largest one).
 */
export function kit(name: KitName): Promise<string> {
  if (!installs) {
    installs = new Map((Object.keys(KITS) as KitName[]).map((k) => [k, serverKit(k, KITS[k])]));
    // A failed install fails the tests that use the kit; it must not also crash the run as an unhandled rejection.
    for (const install of installs.values()) install.catch(() => undefined);
  }
  const install = installs.get(name);
  if (!install) throw new Error(`no kit named ${name}`);
  return install;
}

export function bin(kitDir: string, name: string): string {
  return path.join(kitDir, 'node_modules', '.bin', name);
}

/** Feeds real output through the dev server log's tail and asserts what diagnosis says about it. */
export function assertDiagnosis(output: string, port: number, expected: RegExp, options: { coloured?: boolean } = {}): string {
  // eslint-disable-next-line no-control-regex
  if (options.coloured !== false) assert.match(output, /\u001b\[/, 'the server was meant to print colour codes (FORCE_COLOR=1), as in a sandbox');
  const hint = diagnoseOutput(output, port);
  assert.match(hint ?? '(no hint)', expected, `output was:\n${output.slice(-4000)}`);
  return hint ?? '';
}

/** What diagnosis says about this output, read as the pipeline reads a dev server log. */
export function diagnoseOutput(output: string, port: number): string | undefined {
  const tail = new LogTail(DIAGNOSE_LINES);
  tail.push(output);
  return diagnose(tail.last(DIAGNOSE_LINES), port);
}
