// Installs code-server from the npm registry alone (its own postinstall downloads from GitHub) into a cache
// outside the checkout, and reuses it. Each install happens in a `.partial` directory that is renamed into place;
// the marker file is written last, so an interrupted install is never taken for a complete one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from './paths';
import { runChecked } from './proc';
import { withInstallLock } from './installLock';
import { CODE_SERVER_VERSION } from './versions';

const MARKER = '.forge-install-complete';

export interface CodeServerInstall {
  readonly root: string;
  /** The Node entry point; run it with process.execPath. */
  readonly entry: string;
  readonly version: string;
}

interface Marker {
  readonly version: string;
  /** Native modules are built for one Node ABI; another Node needs another build. */
  readonly nodeModulesAbi: string;
  readonly installedAt: string;
}

export function codeServerDir(root: string): string {
  return path.join(root, 'node_modules', 'code-server');
}

export function describeInstall(root: string): CodeServerInstall {
  return { root, entry: path.join(codeServerDir(root), 'out', 'node', 'entry.js'), version: CODE_SERVER_VERSION };
}

export function isComplete(root: string): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(root, MARKER), 'utf8')) as Marker;
    return marker.version === CODE_SERVER_VERSION && marker.nodeModulesAbi === process.versions.modules;
  } catch {
    return false;
  }
}

export function writeMarker(root: string): void {
  const marker: Marker = { version: CODE_SERVER_VERSION, nodeModulesAbi: process.versions.modules, installedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(root, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** The unmodified code-server (what `npm start` serves). Installs it on first use (about 1–2 minutes). */
export async function ensurePristineCodeServer(): Promise<CodeServerInstall> {
  const root = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  if (isComplete(root)) return describeInstall(root);
  return withInstallLock(root, async () => {
    if (isComplete(root)) return describeInstall(root); // another run finished it while we waited
    const started = Date.now();
    console.log(`[forge-test] installing code-server ${CODE_SERVER_VERSION} into ${root} (one time, about 1–2 minutes)`);
    const partial = `${root}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    await installInto(partial);
    fs.renameSync(partial, root);
    writeMarker(root);
    console.log(`[forge-test] code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return describeInstall(root);
  });
}

function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // root: code-server's and node-pty's scripts demand it
    npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`, which would wait for a yes
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp would download Node's headers from the internet; use the installed ones.
  const nodeDir = [path.resolve(path.dirname(process.execPath), '..'), '/usr'].find((dir) =>
    fs.existsSync(path.join(dir, 'include', 'node', 'node.h')),
  );
  if (nodeDir) env['npm_config_nodedir'] = nodeDir;
  return env;
}

/** The steps of code-server's postinstall.sh, without its downloads. */
async function installInto(dir: string): Promise<void> {
  const env = npmEnv();
  const npm = (cwd: string, ...args: string[]): Promise<string> => runChecked('npm', args, { cwd, env, timeoutMs: 15 * 60_000 });

  // npm 11 runs a dependency's install script only when package.json's allowScripts approves it.
  writeJson(path.join(dir, 'package.json'), { name: 'forge-test-code-server', private: true, allowScripts: { argon2: true, 'code-server': false } });
  await npm(dir, 'install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`);
  await npm(dir, 'rebuild', '--foreground-scripts', 'argon2'); // no prebuilt offline: it builds from source

  const vscodeDir = path.join(codeServerDir(dir), 'lib', 'vscode');
  await npm(vscodeDir, 'install', '--omit=dev', '--ignore-scripts');
  approveInstallScripts(vscodeDir);
  linkSystemRipgrep(vscodeDir);
  await npm(vscodeDir, 'rebuild', '--foreground-scripts');
  symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  await npm(path.join(vscodeDir, 'extensions'), 'install', '--omit=dev');
  verifyNativeModules(dir, vscodeDir);
}

/** The packages of VS Code's server whose install scripts build native modules. */
const VSCODE_NATIVE = ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', '@vscode/windows-process-tree', '@vscode/windows-registry', 'kerberos', 'native-watchdog', 'node-pty'];

function approveInstallScripts(vscodeDir: string): void {
  const file = path.join(vscodeDir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  manifest['allowScripts'] = Object.fromEntries(VSCODE_NATIVE.map((name) => [name, true]));
  writeJson(file, manifest);
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub unless bin/ exists: give it Debian's. */
function linkSystemRipgrep(vscodeDir: string): void {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('ripgrep is not installed (apt-get install -y ripgrep): code-server needs rg and cannot download it');
  const bin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  symlink(rg, path.join(bin, 'rg'));
}

/** npm may skip install scripts with only a warning: prove the native builds happened. */
function verifyNativeModules(dir: string, vscodeDir: string): void {
  const expected = [
    path.join(codeServerDir(dir), '..', 'argon2', 'lib', 'binding', 'napi-v3', 'argon2.node'),
    ...['kerberos/build/Release/kerberos.node', 'node-pty/build/Release/pty.node', '@vscode/spdlog/build/Release/spdlog.node', 'native-watchdog/build/Release/watchdog.node', '@vscode/ripgrep/bin/rg'].map(
      (p) => path.join(vscodeDir, 'node_modules', p),
    ),
  ];
  const missing = expected.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(`code-server's native modules were not built (did npm skip install scripts?):\n  ${missing.join('\n  ')}`);
  }
}

function symlink(target: string, linkPath: string): void {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(target, linkPath);
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
