// What `forge terminal` and `forge ports` share: the `[path|sandbox-id] --backend --data` arguments, the backend
// connection (connect.ts), and the sandbox a target names.
import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findSandbox } from '../core/pipeline/sandboxStep';
import { sandboxKey } from '../core/pipeline/run';
import { sandboxRepoPath } from '../core/pipeline/codeStep';
import { sandboxHome } from '../core/sandboxHome';
import { createWorkingTreeReader } from '../core/pipeline/defaultWorkingTree';
import { DEFAULT_PREVIEW_SETTINGS } from '../core/pipeline/settings';
import { ForgeError } from '../common/errors';
import { createDaytonaClient, type Sandbox, type SandboxClient } from '../core/connect';
import type { LocalBackend } from '../local';
import { connectBackend } from './connect';
import { stderrLogger } from './logger';

export interface TargetArgs {
  readonly target: string;
  readonly backend: 'local' | 'daytona' | 'auto';
  readonly dataDir?: string;
}

/** `command` names the subcommand in the hint. */
export function parseTargetArgs(argv: readonly string[], command: string): TargetArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { backend: { type: 'string', default: 'auto' }, data: { type: 'string' } } });
  } catch (error) {
    throw new ForgeError('bad-setting', error instanceof Error ? error.message : String(error), { hint: `Run "forge ${command} --help".` });
  }
  const backend = parsed.values.backend;
  if (backend !== 'local' && backend !== 'daytona' && backend !== 'auto') throw new ForgeError('bad-setting', `--backend must be one of local, daytona, auto (got "${backend}").`);
  return { target: parsed.positionals[0] ?? process.cwd(), backend, ...(parsed.values.data ? { dataDir: parsed.values.data } : {}) };
}

/** The sandbox a path (Forge's sandbox of that repository, in `region` when set) or a sandbox id names. */
export async function findTarget(daytona: SandboxClient, target: string, logger: ReturnType<typeof stderrLogger>, region?: string): Promise<{ sandbox: Sandbox; cwd?: string }> {
  const folder = path.resolve(target);
  if ((await stat(folder).catch(() => undefined))?.isDirectory()) {
    const facts = await createWorkingTreeReader(logger).facts(folder, process.env['FORGE_GITHUB_HOST'] || DEFAULT_PREVIEW_SETTINGS.githubHost);
    const sandbox = await findSandbox(daytona, sandboxKey(facts), region);
    if (!sandbox) throw new ForgeError('internal', `No Forge sandbox for ${folder}.`, { hint: 'Run "forge preview" there first, or pass a sandbox id.' });
    return { sandbox, cwd: sandboxRepoPath(facts, await sandboxHome(sandbox)) };
  }
  try {
    return { sandbox: await daytona.get(target) };
  } catch {
    throw new ForgeError('internal', `"${target}" is neither a folder nor a sandbox id.`, { hint: 'Pass the path of a previewed repository or the id of a sandbox.' });
  }
}

/**
 * Runs `work` on the sandbox the subcommand's arguments name (`forge <command> [path|sandbox-id] --backend --data`),
 * with an embedded local backend when that is the backend, closed afterwards.
 */
export async function withTargetSandbox(argv: readonly string[], command: string, work: (target: { sandbox: Sandbox; cwd?: string }) => Promise<number>): Promise<number> {
  const { target, backend, dataDir } = parseTargetArgs(argv, command);
  const logger = stderrLogger(process.env['FORGE_LOG_LEVEL'] === 'debug');
  let local: LocalBackend | undefined;
  try {
    const connection = await connectBackend({ backend, ...(dataDir ? { dataDir } : {}), logger: stderrLogger(false), onLocal: (b) => (local = b) });
    return await work(await findTarget(createDaytonaClient(connection), target, logger, connection.target));
  } finally {
    await local?.close();
  }
}
