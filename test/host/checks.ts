// The static checks and the build that come before the tiers.
import * as path from 'node:path';
import { repoRoot } from './paths';
import { runStreaming } from './proc';

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly seconds: number;
}

const bin = (tool: string): string => path.join(repoRoot, 'node_modules', '.bin', tool);

export const CHECKS: readonly { readonly name: string; readonly command: string; readonly args: readonly string[] }[] = [
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  // The layer rules (.dependency-cruiser.cjs, docs/architecture.md): `npm run lint` runs them too.
  { name: 'architecture', command: bin('depcruise'), args: ['src', '--config', '.dependency-cruiser.cjs'] },
  { name: 'build', command: process.execPath, args: ['esbuild.js', '--tests'] },
];

export async function runCheck(name: string, command: string, args: readonly string[]): Promise<CheckResult> {
  const started = Date.now();
  console.log(`\n[forge-test] ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const code = await runStreaming(command, args, { cwd: repoRoot });
  const result = { name, ok: code === 0, seconds: (Date.now() - started) / 1000 };
  console.log(`[forge-test] ${name} ${result.ok ? 'ok' : `FAILED (exit code ${code})`} in ${result.seconds.toFixed(1)} s`);
  return result;
}
