// `npm start`: build Forge and open it in a real VS Code with a sample repository.
//  - desktop VS Code when `code` is on PATH: `code --wait --extensionDevelopmentPath=<checkout> <sample>`;
//  - otherwise code-server on 127.0.0.1 (the cached install the tests use, unpatched) with Forge loaded from
//    the checkout, esbuild rebuilding on save (reload the window to pick changes up), until Ctrl-C.
// Options: --port <n> (code-server's port; default: a free one), --host code|code-server, --fixture <name>.
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startCodeServer } from './codeServer';
import { developmentUrl } from './codeServerHost';
import { ensurePristineCodeServer } from './codeServerInstall';
import { repoRoot } from './paths';
import { killProcessGroup, runStreaming } from './proc';
import { ensureSystemPackages, HOST_PACKAGES } from './systemPackages';
import { makeTempDir } from './tempDir';
import { createWorkspace, DEFAULT_FIXTURE } from './workspace';

/** Until the session is up, Ctrl-C just exits ('exit' handlers stop children); then it stops gracefully. */
let onInterrupt: () => void = () => process.exit(130);

export async function start(argv: readonly string[]): Promise<number> {
  process.on('SIGINT', () => onInterrupt());
  process.on('SIGTERM', () => onInterrupt());
  const { values } = parseArgs({ args: [...argv], options: { port: { type: 'string' }, host: { type: 'string' }, fixture: { type: 'string' } } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);

  if ((await runStreaming(process.execPath, ['esbuild.js'], { cwd: repoRoot })) !== 0) return 1;
  const runDir = makeTempDir('forge-start-').path; // removed on exit
  const sample = await createWorkspace(path.join(runDir, 'sample-repo'), values.fixture ?? process.env['FORGE_TEST_FIXTURE'] ?? DEFAULT_FIXTURE);

  const useDesktop = values.host === 'code' || (values.host !== 'code-server' && (await onPath('code')));
  return useDesktop ? startDesktop(sample) : startCodeServerSession(runDir, sample, port);
}

async function onPath(command: string): Promise<boolean> {
  return (await runStreaming('sh', ['-c', `command -v ${command} >/dev/null`])) === 0;
}

async function startDesktop(sample: string): Promise<number> {
  console.log(`[forge] opening desktop VS Code with Forge from ${repoRoot} on a sample repository (${sample}); close the window to finish`);
  return runStreaming('code', ['--wait', '--new-window', `--extensionDevelopmentPath=${repoRoot}`, sample]);
}

async function startCodeServerSession(runDir: string, sample: string, port: number): Promise<number> {
  // Chromium is for the tests only; building code-server needs the rest.
  await ensureSystemPackages(HOST_PACKAGES.filter((p) => p.name !== 'chromium' && p.name !== 'unzip'));
  const install = await ensurePristineCodeServer();
  const server = await startCodeServer({ install, runDir, port, settings: { 'workbench.startupEditor': 'readme' } });
  const watcher = spawn(process.execPath, ['esbuild.js', '--watch'], { cwd: repoRoot, stdio: 'inherit', detached: true });
  const url = developmentUrl(server, sample);
  console.log(`
Forge is running in code-server ${install.version} (VS Code), with a sample repository open.
Open this URL in a browser on this machine:

  ${url}

Then run "Forge: Preview this repo" from the command palette (F1). Without a Daytona API key Forge uses its
local backend. Source changes rebuild automatically; reload the window (F1 > Developer: Reload Window) to load
them. Press Ctrl-C here to stop.
`);
  process.once('exit', () => void killProcessGroup(watcher.pid));
  await new Promise<void>((resolve) => {
    onInterrupt = resolve;
  });
  console.log('\n[forge] stopping');
  await killProcessGroup(watcher.pid);
  await server.stop();
  return 0;
}
