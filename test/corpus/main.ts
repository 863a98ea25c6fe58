// `npm run corpus [-- --starter <id>[,<id>…]]`: generates today's official starters from the npm registry and
// previews each through `forge preview --backend local`. One line per starter (generator and framework versions,
// detected framework and package manager, time to preview, Forge's step timings), then a closing line. Fails
// when a starter fails or when none ran. Starters run one after another (a sandbox install takes both cores).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate';
import { previewStarter, stopRunningPreview, type PreviewResult } from './preview';
import { STARTERS, type Starter } from './starters';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { starter: { type: 'string' } } });
  const wanted = values.starter?.split(',').map((s) => s.trim());
  const unknown = wanted?.filter((id) => !STARTERS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) {
    say(`corpus: unknown starter ${unknown.join(', ')}; known: ${STARTERS.map((s) => s.id).join(', ')}`);
    return 2;
  }
  const starters = STARTERS.filter((s) => !wanted || wanted.includes(s.id));
  const work = mkdtempSync(path.join(tmpdir(), 'forge-corpus-'));
  // One data dir for the run: sandboxes share the local backend's package cache, as a user's previews do.
  const dataDir = path.join(work, 'forge-data');
  const onSignal = (signal: NodeJS.Signals): void => {
    say(`corpus: ${signal}: stopping the preview in flight`);
    void stopRunningPreview().finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  let passed = 0;
  const failed: string[] = [];
  try {
    for (const starter of starters) {
      if (await runOne(starter, work, dataDir)) passed++;
      else failed.push(starter.id);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const ok = failed.length === 0 && passed > 0;
  say(`corpus: ${ok ? 'PASS' : 'FAIL'}: ${passed} of ${starters.length} starters previewed${failed.length ? `; failed: ${failed.join(', ')}` : ''}${passed === 0 && failed.length === 0 ? '; none ran' : ''} (${seconds} s)`);
  // The plain closing line CI reads, like the other tiers'.
  say(`corpus: ${passed} passed, ${failed.length} failed`);
  return ok ? 0 : 1;
}

async function runOne(starter: Starter, work: string, dataDir: string): Promise<boolean> {
  let versions = '';
  try {
    const generated = await generate(starter, work);
    versions = `${generated.generator} (${generated.framework})`;
    const result = await previewStarter(starter, generated.dir, dataDir);
    const served = result.page === 200 && result.mainModule.status === 200;
    say(`${served ? 'PASS' : 'FAIL'} ${line(starter, versions, result)}`);
    return served;
  } catch (error) {
    say(`FAIL ${starter.id.padEnd(18)} ${versions || starter.generator.pkg}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function line(starter: Starter, versions: string, r: PreviewResult): string {
  const steps = Object.entries(r.timings)
    .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}`)
    .join(', ');
  return `${starter.id.padEnd(18)} ${versions}  framework=${r.framework ?? 'none'} pm=${r.packageManager}  preview ${(r.ms / 1000).toFixed(1)} s  page ${r.page}, ${r.mainModule.path} ${r.mainModule.status}  steps (s): ${steps}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`corpus: FAIL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
