// One-shot commands: POST /process/execute (sh -c, stdout and stderr combined in order) and
// POST /process/code-run (the sandbox's language). A timeout kills the whole process group and answers 408.
import { promises as fsp } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { LocalSandbox } from '../../contracts';
import type { Runner } from '../../runner';
import { badRequest, DaemonError, fsError } from '../daemonError';
import { optionalNumber, optionalString, readJson, requireString, sendJson, stringArray, stringRecord } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';

/** Output beyond this is dropped (the head is kept) so a runaway command cannot exhaust memory. */
const MAX_OUTPUT = 32 * 1024 * 1024;

export function registerExecuteRoutes(router: Router, runner: Runner): void {
  router.add('POST', '/process/execute', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const command = requireString(body, 'command');
    const cwd = await workingDirectory(sandbox, optionalString(body, 'cwd'));
    // `exec 2>&1` first: one pipe for both streams keeps their order exactly.
    const result = await runOnce(runner, sandbox, req, { argv: ['sh', '-c', `exec 2>&1\n${command}`], cwd, env: stringRecord(body, 'envs'), timeout: optionalNumber(body, 'timeout') });
    sendJson(res, 200, result);
  });

  router.add('POST', '/process/code-run', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const code = typeof body['code'] === 'string' ? body['code'] : '';
    const language = (optionalString(body, 'language') ?? sandbox.language).toLowerCase();
    const script = codeRunScript(language);
    const argv = stringArray(body, 'argv');
    const result = await runOnce(runner, sandbox, req, {
      argv: ['sh', '-c', `exec 2>&1\n${script}`, 'code-run', ...argv],
      cwd: sandbox.insideHome,
      env: stringRecord(body, 'envs'),
      timeout: optionalNumber(body, 'timeout'),
      stdin: code,
    });
    sendJson(res, 200, { ...result, artifacts: { charts: [] } });
  });
}

/** A cwd as the sandbox sees it, checked to be a directory inside (home when none is given). */
export async function workingDirectory(sandbox: LocalSandbox, raw: string | undefined): Promise<string> {
  if (raw === undefined) return sandbox.insideHome;
  const dir = await resolveSandboxPath(sandbox, raw);
  const stat = await fsp.stat(dir.host).catch((err: unknown) => Promise.reject(fsError(err, dir.inside)));
  if (!stat.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `cwd is not a directory: ${dir.inside}`);
  return dir.inside;
}

/**
 * The code arrives on stdin and is saved to a temporary file so the program sees a normal argv.
 * TypeScript: code that is valid JavaScript runs on node directly; otherwise Node's own type stripping when
 * this Node has it, else `tsx` (on PATH, or fetched by npx).
 */
function codeRunScript(language: string): string {
  const save = (name: string): string => `d=$(mktemp -d "\${TMPDIR:-/tmp}/code-run-XXXXXX") || exit 1\ntrap 'rm -rf "$d"' EXIT\nf="$d/${name}"\ncat > "$f"\n`;
  switch (language) {
    case 'javascript':
      return `${save('main.js')}node "$f" "$@"`;
    case 'typescript':
      return (
        save('main.ts') +
        `cp "$f" "$d/main.js"\n` +
        `if node --check "$d/main.js" >/dev/null 2>&1; then node "$d/main.js" "$@"\n` +
        `elif node --experimental-strip-types -e '' >/dev/null 2>&1; then node --experimental-strip-types --no-warnings "$f" "$@"\n` +
        `elif command -v tsx >/dev/null 2>&1; then tsx "$f" "$@"\n` +
        `else npm_config_update_notifier=false npx --yes tsx "$f" "$@"; fi`
      );
    case 'python':
      return `${save('main.py')}if command -v python3 >/dev/null 2>&1; then python3 "$f" "$@"; else echo 'python3 is not installed in this sandbox' >&2; exit 127; fi`;
    default:
      throw badRequest(`unsupported language: ${language} (use python, typescript or javascript)`);
  }
}

interface OnceRequest {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeout: number | undefined;
  readonly stdin?: string;
}

async function runOnce(runner: Runner, sandbox: LocalSandbox, req: IncomingMessage, request: OnceRequest): Promise<{ exitCode: number; result: string }> {
  if (request.timeout !== undefined && request.timeout < 0) throw badRequest('timeout must not be negative');
  const proc = runner.spawn(sandbox, {
    argv: request.argv,
    cwd: request.cwd,
    env: request.env,
    stdio: [request.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
  });
  if (request.stdin !== undefined) {
    proc.child.stdin?.on('error', () => undefined);
    proc.child.stdin?.end(request.stdin);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  proc.child.stdout?.on('data', (chunk: Buffer) => {
    if (size >= MAX_OUTPUT) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  let timedOut = false;
  const timer =
    request.timeout && request.timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          void proc.kill();
        }, request.timeout * 1000)
      : undefined;
  // A client that gives up (axios timeout, cancelled call) takes its command with it.
  const onAbort = (): void => void proc.kill();
  req.socket.once('close', onAbort);
  try {
    const exitCode = await proc.exited;
    await new Promise<void>((resolve) => {
      const out = proc.child.stdout;
      if (!out || out.readableEnded) resolve();
      else {
        out.once('close', resolve);
        setTimeout(resolve, 250);
      }
    });
    if (timedOut) throw new DaemonError(408, 'PROCESS_EXECUTION_TIMEOUT', `command timed out after ${request.timeout} seconds`);
    return { exitCode, result: Buffer.concat(chunks).toString('utf8') };
  } finally {
    if (timer) clearTimeout(timer);
    req.socket.off('close', onAbort);
  }
}
