// `forge local serve` as its own process (the built CLI), for benchmarks that measure the client side or the
// server's footprint separately.
import { Daytona } from '@daytonaio/sdk';
import { CLI } from './env';
import { run, type Running } from './proc';

export interface Serve {
  readonly pid: number;
  readonly daytona: Daytona;
  readonly process: Running;
  stop(): Promise<void>;
}

export async function startServe(dataDir: string): Promise<Serve> {
  const serve = run(process.execPath, [CLI, 'local', 'serve', '--data', dataDir]);
  try {
    const line = await serve.waitForLine((l) => l.startsWith('{'), 30_000);
    const { apiUrl, apiKey } = JSON.parse(line) as { apiUrl: string; apiKey: string };
    return { pid: serve.child.pid ?? 0, process: serve, daytona: new Daytona({ apiKey, apiUrl }), stop: () => serve.stop(30_000) };
  } catch (error) {
    await serve.stop(5_000);
    throw error;
  }
}
