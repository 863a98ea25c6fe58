// One sandbox's own network namespace: a holder process (the forwarder, see forwarderSource.ts) started in a
// new network namespace (as root `unshare --net`; otherwise inside a new user namespace that maps the user to
// root), and slirp4netns attached to it for internet egress without the host's loopback. Sandbox processes
// join it with `nsenter`; both helpers die with the backend (stdin EOF for the holder, --exit-fd for slirp).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { networkInterfaces } from 'node:os';
import type { Readable } from 'node:stream';
import { ForgeError } from '../../../common/errors';

/** Debian package names, for the message when a helper is missing. */
export const INSTALL_HINT = 'Install them with `sudo apt install bubblewrap slirp4netns` (Fedora: `sudo dnf install bubblewrap slirp4netns`).';
const READY_TIMEOUT_MS = 15_000;

export interface SandboxNetwork {
  /** Pid of the holder: /proc/<pid>/net/tcp{,6} lists the namespace's sockets. */
  readonly holderPid: number;
  /** The forwarder's UNIX socket (in the backend's private directory). */
  readonly socketPath: string;
  /** Program and arguments that run what follows inside this namespace. */
  readonly enter: readonly string[];
  readonly alive: boolean;
  stop(): Promise<void>;
}

export interface NetworkStartOptions {
  readonly socketPath: string;
  readonly forwarderFile: string;
  readonly nodeBinary: string;
  /** Host loopback ports to relay into the namespace (see hostPorts.ts). */
  readonly hostPorts: readonly number[];
}

export async function startSandboxNetwork(options: NetworkStartOptions): Promise<SandboxNetwork> {
  const asRoot = process.getuid?.() === 0;
  const unshareArgs = asRoot ? ['--net'] : ['--user', '--map-root-user', '--net'];
  const holder = spawn('unshare', [...unshareArgs, '--', options.nodeBinary, options.forwarderFile, options.socketPath, options.hostPorts.join(',')], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ELECTRON_RUN_AS_NODE: '1' },
  });
  const holderExited = exitOf(holder);
  let slirp: ChildProcess | undefined;
  try {
    await untilOutput(holder, holder.stdout, 'ready', holderExited, 'the network namespace holder (unshare)');
    const pid = holder.pid as number;
    slirp = spawn('slirp4netns', ['--configure', '--mtu=65520', '--disable-host-loopback', '--ready-fd=3', '--exit-fd=4', String(pid), 'tap0'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    // Wait for tap0 to be configured: the first sandbox process must find its network up.
    await untilOutput(slirp, slirp.stdio[3] as Readable, '1', exitOf(slirp), 'slirp4netns');
    await blockHostAddresses(enterArgs(pid, asRoot));
  } catch (error) {
    await stopChild(slirp);
    await stopChild(holder);
    throw error;
  }
  const slirpProcess = slirp;
  let stopping: Promise<void> | undefined;
  return {
    holderPid: holder.pid as number,
    socketPath: options.socketPath,
    enter: enterArgs(holder.pid as number, asRoot),
    get alive() {
      return holder.exitCode === null && holder.signalCode === null && slirpProcess.exitCode === null && slirpProcess.signalCode === null;
    },
    stop: () => (stopping ??= Promise.all([stopChild(slirpProcess), stopChild(holder)]).then(() => undefined)),
  };
}

function enterArgs(pid: number, asRoot: boolean): string[] {
  return asRoot ? ['nsenter', `--target=${pid}`, '--net'] : ['nsenter', `--target=${pid}`, '--net', '--user', '--preserve-credentials'];
}

/**
 * slirp4netns connects out from the host, so the host's own interface addresses (a server on 0.0.0.0) would
 * answer: an `unreachable` route for each, set before any sandbox process exists (they have no capability
 * to remove it). The host's loopback is already refused by --disable-host-loopback.
 */
async function blockHostAddresses(enter: readonly string[]): Promise<void> {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => (a as { address: string }).address);
  if (addresses.length === 0) return;
  const [file, ...args] = enter as [string, ...string[]];
  const ip = spawn(file, [...args, 'ip', '-batch', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  ip.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  ip.stdin?.on('error', () => undefined);
  ip.stdin?.end([...new Set(addresses)].map((a) => `route add unreachable ${a}/32\n`).join(''));
  const [code] = (await once(ip, 'exit')) as [number | null];
  if (code !== 0) {
    throw new ForgeError('backend-unavailable', `Cannot close the sandbox network off from this machine's addresses: ${stderr.trim() || `ip exited with ${String(code)}`}.`, {
      hint: 'Install iproute2 (`sudo apt install iproute2`).',
    });
  }
}

function exitOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? 'is not installed' : error.message));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${String(code)}`})`));
  });
}

/** Resolves when `stream` has printed `marker`; rejects with the helper's stderr when it exits or hangs first. */
async function untilOutput(child: ChildProcess, stream: Readable | null, marker: string, exited: Promise<string>, name: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let out = '';
  const ready = new Promise<void>((resolve) => {
    stream?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(marker)) resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not get ready within ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS)));
  const failure = await Promise.race([ready.then(() => undefined), exited, timeout]);
  clearTimeout(timer);
  if (failure === undefined) return;
  const detail = stderr.trim().split('\n').slice(-3).join(' ');
  throw new ForgeError('backend-unavailable', `Cannot give the sandbox its own network: ${name} ${failure}${detail ? `: ${detail}` : ''}.`, { hint: INSTALL_HINT });
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
