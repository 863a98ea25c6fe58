// A local backend with one started sandbox, driven by the real SDK, for the toolbox suites.
import { join } from 'node:path';
import type { Sandbox } from '@daytonaio/sdk';
import { startTestBackend, type TestBackend } from '../../helpers';
import { readyVolume } from '../../../../../src/core/pipeline/readyVolume';

export interface SandboxFixture {
  readonly t: TestBackend;
  readonly sandbox: Sandbox;
  /** Host directory that is /home/daytona inside the sandbox. */
  readonly home: string;
  /** Host directory of the sandbox's runtime state (session logs, port map). */
  readonly runtime: string;
  /** Another sandbox on the same backend. */
  another(): Promise<{ sandbox: Sandbox; home: string }>;
  stop(): Promise<void>;
}

export interface FixtureOptions {
  readonly isolate?: boolean;
  readonly language?: 'typescript' | 'javascript' | 'python';
  readonly envVars?: Record<string, string>;
  /** Volumes to create (by name) and mount in the first sandbox. */
  readonly volumes?: readonly { readonly name: string; readonly mountPath: string }[];
}

export async function startSandbox(options: FixtureOptions = {}): Promise<SandboxFixture> {
  const t = await startTestBackend({ isolate: options.isolate ?? false });
  try {
    const create = async (volumes: { volumeId: string; mountPath: string }[] = []): Promise<{ sandbox: Sandbox; home: string }> => {
      const sandbox = await t.daytona.create({ language: options.language ?? 'typescript', ...(options.envVars ? { envVars: options.envVars } : {}), volumes });
      return { sandbox, home: join(t.dataDir, 'sandboxes', sandbox.id, 'home') };
    };
    const mounts = [];
    for (const v of options.volumes ?? []) mounts.push({ volumeId: (await readyVolume(t.daytona, v.name)).id, mountPath: v.mountPath });
    const first = await create(mounts);
    return {
      t,
      sandbox: first.sandbox,
      home: first.home,
      runtime: join(t.dataDir, 'sandboxes', first.sandbox.id, 'runtime'),
      another: () => create(),
      stop: () => t.stop(),
    };
  } catch (err) {
    await t.stop();
    throw err;
  }
}
