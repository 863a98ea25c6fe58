// Tree refresh bench: 200 Forge sandboxes in the embedded local backend (mixed states), the Sandboxes view's
// model refreshing through the real SDK, and the node presentations built for every sandbox. A counting proxy
// in front of the backend counts the HTTP list requests (`GET /api/sandbox`, one per page of the walk).
import { Daytona } from '@daytonaio/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSandboxes } from '../src/daytona/sandboxes';
import { startLocalBackend } from '../src/local';
import { presentSandbox } from '../src/vscode/views/sandboxPresentation';
import { SandboxesModel } from '../src/vscode/views/sandboxesModel';

const SANDBOXES = 200;
const ROUNDS = 15;

export interface TreeRefreshResult {
  readonly bench: 'tree-refresh';
  readonly sandboxes: number;
  /** Median of ROUNDS: one model refresh plus building every node's presentation. */
  readonly ms: number;
  /** HTTP list requests per refresh (pages of one walk). */
  readonly list_calls: number;
  /** Five refresh requests at once: how many list walks they cost (one running plus one follow-up). */
  readonly coalesced_walks: number;
}

export async function runTreeRefreshBench(): Promise<TreeRefreshResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'forge-bench-tree-'));
  const backend = await startLocalBackend({ dataDir, isolate: false });
  const proxy = await countingProxy(new URL(backend.apiUrl));
  try {
    await seed(new Daytona({ apiKey: backend.apiKey, apiUrl: backend.apiUrl }));
    const daytona = new Daytona({ apiKey: backend.apiKey, apiUrl: `${proxy.origin}/api` });
    let walks = 0;
    const model = new SandboxesModel({
      fetch: async () => {
        walks++;
        return { kind: 'list', sandboxes: await listSandboxes(daytona, { all: false }) };
      },
      describeError: String,
    });
    await model.refresh(); // warm-up: connections, JIT
    const warm = model.state();
    if (warm.kind === 'failed') throw new Error(`listing failed: ${warm.message}`);
    const times: number[] = [];
    proxy.listRequests = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await model.refresh();
      const now = Date.now();
      const built = model.sandboxes().map((s) => presentSandbox(s, { isCurrent: false, now }));
      times.push(performance.now() - started);
      if (built.length !== SANDBOXES) throw new Error(`listed ${built.length} sandboxes, expected ${SANDBOXES}`);
    }
    const listCalls = proxy.listRequests / ROUNDS;
    walks = 0;
    await Promise.all(Array.from({ length: 5 }, () => model.refresh()));
    model.dispose();
    return { bench: 'tree-refresh', sandboxes: SANDBOXES, ms: round(median(times)), list_calls: listCalls, coalesced_walks: walks };
  } finally {
    await proxy.close();
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** 200 Forge sandboxes: most started, some stopped, some archived. */
async function seed(daytona: Daytona): Promise<void> {
  const indexes = Array.from({ length: SANDBOXES }, (_, i) => i);
  for (let i = 0; i < indexes.length; i += 20) {
    await Promise.all(
      indexes.slice(i, i + 20).map(async (n) => {
        const labels = { 'forge.managed': 'true', 'forge.repo': `bench/app-${n % 17}`, 'forge.branch': `branch-${n}`, 'forge.port': '3000' };
        const sandbox = await daytona.create({ labels, language: 'typescript', autoStopInterval: 0 }, { timeout: 60 });
        if (n % 3 === 1 || n % 3 === 2) await sandbox.stop(60);
        if (n % 3 === 2) await sandbox.archive();
      }),
    );
  }
}

interface CountingProxy {
  readonly origin: string;
  listRequests: number;
  close(): Promise<void>;
}

/**
 * Forwards everything to the backend and counts `GET /api/sandbox` (the list endpoint). It names the backend in
 * `Host`, as a reverse proxy does: the backend refuses any other host name (its DNS-rebinding guard).
 */
async function countingProxy(target: URL): Promise<CountingProxy> {
  const state = { listRequests: 0 };
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://x').pathname === '/api/sandbox') state.listRequests++;
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get listRequests() {
      return state.listRequests;
    },
    set listRequests(value: number) {
      state.listRequests = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
