// Starting and stopping code-server. It runs in its own process group (setsid), and stopping kills the whole
// group: killing only the server leaves its file watcher and extension host behind.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeServerInstall } from './codeServerInstall';
import { killProcessGroup, runChecked } from './proc';

export interface CodeServerOptions {
  readonly install: CodeServerInstall;
  /** Per-run directory for code-server's config, user data and extensions (a temp dir). */
  readonly runDir: string;
  /** Extensions directory; defaults to <runDir>/extensions. */
  readonly extensionsDir?: string;
  /** Extra environment: the extension host inherits the server's environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  /** Port on 127.0.0.1; 0 (the default) lets the kernel pick a free one. */
  readonly port?: number;
  /** User settings on top of QUIET_SETTINGS. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Workspace trust on (the folder opens in Restricted Mode, without the startup prompt); off by default. */
  readonly workspaceTrust?: boolean;
}

const TRUST_SETTINGS: Readonly<Record<string, unknown>> = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };

/** Settings that keep the workbench from reaching out to the network or popping things up during tests. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.autofetch': false,
  'security.workspace.trust.enabled': false,
};

/**
 * The environment code-server gets: PORT would override --bind-addr and GITHUB_TOKEN would sign the
 * workbench in; EXTENSIONS_GALLERY={} turns off queries to open-vsx.org (unreachable offline).
 */
function serverEnv(extra: Readonly<Record<string, string>> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  delete env['PORT'];
  delete env['GITHUB_TOKEN'];
  return env;
}

function writeSettings(runDir: string, settings: Readonly<Record<string, unknown>> | undefined): void {
  const file = path.join(runDir, 'user-data', 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

export interface RunningCodeServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly authority: string;
  /** Everything code-server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

function commonArgs(options: CodeServerOptions): string[] {
  return [
    '--config', path.join(options.runDir, 'config.yaml'), // else it writes ~/.config/code-server
    '--user-data-dir', path.join(options.runDir, 'user-data'),
    '--extensions-dir', options.extensionsDir ?? path.join(options.runDir, 'extensions'),
  ];
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  fs.mkdirSync(options.runDir, { recursive: true });
  writeSettings(options.runDir, { ...(options.workspaceTrust ? TRUST_SETTINGS : {}), ...options.settings });
  const args = [
    options.install.entry,
    ...commonArgs(options),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  const child = spawn(process.execPath, args, {
    env: serverEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killNow);
    await killProcessGroup(child.pid, 0).then(() => Promise.race([exited, delay(3000)]));
    await killProcessGroup(child.pid); // whatever of the group survived
  };
  const killNow = (): void => void killProcessGroup(child.pid);
  process.once('exit', killNow);

  try {
    const port = await waitForListening(() => output, exited, options.readyTimeoutMs ?? 30_000);
    const origin = `http://127.0.0.1:${port}`;
    await waitForHealth(origin, options.readyTimeoutMs ?? 30_000);
    return { origin, authority: `127.0.0.1:${port}`, log: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`code-server did not start: ${error instanceof Error ? error.message : String(error)}\n--- code-server output ---\n${output}`, { cause: error });
  }
}

/** code-server prints the port it listens on (the kernel picks one for port 0). */
async function waitForListening(output: () => string, exited: Promise<void>, timeoutMs: number): Promise<number> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
    if (match?.[1]) return Number(match[1]);
    if (hasExited) throw new Error('it exited before listening');
    await delay(100);
  }
  throw new Error(`no "HTTP server listening" line within ${timeoutMs / 1000} s`);
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    await delay(100);
  }
  throw new Error(`${origin}/healthz did not answer within ${timeoutMs / 1000} s`);
}

/** `code-server --install-extension <vsix>` into the given extensions directory. */
export async function installExtension(install: CodeServerInstall, vsix: string, runDir: string, extensionsDir: string): Promise<void> {
  const options: CodeServerOptions = { install, runDir, extensionsDir };
  await runChecked(process.execPath, [install.entry, ...commonArgs(options), '--install-extension', vsix], { timeoutMs: 120_000, env: serverEnv(undefined) });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
