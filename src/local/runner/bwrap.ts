// The bubblewrap command line for one sandbox process: the sandbox's files at its home, the system
// read-only, private /tmp, /proc and /dev, its own pid namespace, no capabilities. The network namespace is
// the sandbox's own, entered before bubblewrap starts (runner/network).
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import type { LocalSandbox } from '../contracts';
import { findToolchains } from './toolchains';
import { hostNpmCache, INSIDE_HOST_NPM_CACHE } from './hostCaches';

export const INSIDE_RUNTIME = '/run/forge';

export interface Bind {
  readonly host: string;
  readonly inside: string;
  readonly readOnly: boolean;
}

export interface BwrapSpec {
  readonly sandbox: LocalSandbox;
  /** Working directory inside the sandbox. */
  readonly cwd: string;
  readonly argv: readonly string[];
  /** Extra binds (the runtime files the toolbox shares with the process). */
  readonly binds: readonly Bind[];
  /** Start the command in a new session (async commands: no terminal to steal, one group to stop). */
  readonly newSession: boolean;
  /** A resolv.conf to show at /etc/resolv.conf (the host's names a server the sandbox network cannot reach). */
  readonly resolvConf?: string;
}

export function bwrapArgs(spec: BwrapSpec): string[] {
  const args: string[] = ['--ro-bind', '/usr', '/usr'];
  for (const top of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    const kind = topLevelKind(top);
    if (kind === 'symlink') args.push('--symlink', readlinkSync(top), top);
    else if (kind === 'dir') args.push('--ro-bind', top, top);
  }
  args.push('--ro-bind', '/etc', '/etc');
  // /etc/resolv.conf is often a symlink into /run (systemd-resolved): bring its target along.
  for (const file of ['/etc/resolv.conf', '/etc/hosts']) {
    const real = realTarget(file);
    const replaced = file === '/etc/resolv.conf' && spec.resolvConf !== undefined;
    if (replaced) args.push('--ro-bind', spec.resolvConf, real ?? file);
    else if (real && !real.startsWith('/etc/') && !real.startsWith('/usr/')) args.push('--ro-bind', real, real);
  }
  // /tmp first: a toolchain under /tmp is bound on top of the private /tmp, not hidden by it.
  args.push('--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp');
  for (const dir of findToolchains().binds) args.push('--ro-bind', dir, dir);
  args.push('--bind', spec.sandbox.homeDir, spec.sandbox.insideHome);
  for (const v of spec.sandbox.volumes) args.push('--bind', v.hostDir, v.mountPath);
  for (const b of spec.binds) args.push(b.readOnly ? '--ro-bind' : '--bind', b.host, b.inside);
  const npmCache = hostNpmCache();
  if (npmCache) args.push('--ro-bind', npmCache, INSIDE_HOST_NPM_CACHE);
  args.push('--unshare-pid', '--unshare-ipc', '--die-with-parent', '--cap-drop', 'ALL');
  if (spec.newSession) args.push('--new-session');
  args.push('--chdir', spec.cwd);
  args.push(...spec.argv);
  return args;
}

function topLevelKind(p: string): 'symlink' | 'dir' | undefined {
  try {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return 'symlink';
    return st.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

function realTarget(file: string): string | undefined {
  try {
    if (!lstatSync(file).isSymbolicLink()) return undefined;
    const real = realpathSync(file);
    return existsSync(real) ? real : undefined;
  } catch {
    return undefined;
  }
}
