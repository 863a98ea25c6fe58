// Shared fixtures for the local backend's tests: a backend in a temp data dir, the real SDK pointed at it,
// raw HTTP calls for what the SDK cannot send, and a recording wrapper around the real toolbox.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daytona } from '@daytonaio/sdk';
import { startLocalBackend, type LocalBackend, type LocalBackendOptions } from '../../../src/local';
import type { LocalSandbox, Toolbox, ToolboxOptions } from '../../../src/local/contracts';
import { createToolbox, type LocalToolbox } from '../../../src/local/toolbox/index';

export interface TestBackend {
  readonly backend: LocalBackend;
  readonly daytona: Daytona;
  readonly dataDir: string;
  readonly toolbox: RecordingToolbox;
  /** A second SDK client (e.g. with another key or timeout); disposed with the backend. */
  client(config?: { apiKey?: string; requestTimeoutMs?: number }): Daytona;
  /** Closes the backend and the SDK clients; removes the data dir unless `keepData`. */
  stop(keepData?: boolean): Promise<void>;
}

export interface RecordingToolbox {
  readonly handled: { sandboxId: string; subPath: string; homeDir: string }[];
  readonly stopped: string[];
  /** Where `resolvePort` sends each sandbox port (the real toolbox's answer is used for ports not listed). */
  readonly ports: Map<number, number>;
  /** The real toolbox the backend uses (set once the backend started). */
  real?: LocalToolbox;
}

/** The real toolbox, with its calls recorded and `resolvePort` overridable per port. */
export function recordingToolbox(): { factory: (options: ToolboxOptions) => Toolbox; record: RecordingToolbox } {
  const record: RecordingToolbox = { handled: [], stopped: [], ports: new Map() };
  const factory = (options: ToolboxOptions): Toolbox => {
    const real = createToolbox(options);
    record.real = real;
    return {
      handle: (req, res, sandbox, subPath, url) => {
        record.handled.push({ sandboxId: sandbox.id, subPath, homeDir: sandbox.homeDir });
        return real.handle(req, res, sandbox, subPath, url);
      },
      handleUpgrade: (req, socket, head, sandbox, subPath, url) => real.handleUpgrade(req, socket, head, sandbox, subPath, url),
      stopAll: (id) => {
        record.stopped.push(id);
        return real.stopAll(id);
      },
      resolvePort: (sandbox: LocalSandbox, port: number) => {
        const mapped = record.ports.get(port);
        return mapped === undefined ? real.resolvePort(sandbox, port) : Promise.resolve({ host: '127.0.0.1' as const, port: mapped });
      },
      dispose: () => real.dispose(),
    };
  };
  return { factory, record };
}

export async function makeTempDir(prefix = 'forge-local-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function startTestBackend(options: LocalBackendOptions = {}): Promise<TestBackend> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  const { factory, record } = recordingToolbox();
  const backend = await startLocalBackend({ isolate: false, faults: true, toolboxFactory: factory, ...options, dataDir });
  const clients: Daytona[] = [];
  const client = (config: { apiKey?: string; requestTimeoutMs?: number } = {}): Daytona => {
    const daytona = new Daytona({ apiKey: config.apiKey ?? backend.apiKey, apiUrl: backend.apiUrl, ...(config.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: config.requestTimeoutMs }) });
    clients.push(daytona);
    return daytona;
  };
  const daytona = client();
  return {
    backend,
    daytona,
    dataDir,
    toolbox: record,
    client,
    stop: async (keepData = false) => {
      await Promise.all(clients.map((c) => c[Symbol.asyncDispose]()));
      await backend.close();
      if (!keepData) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A raw HTTP call to the backend (`path` relative to the origin, e.g. `/api/sandbox`). */
export async function raw(backend: LocalBackend, method: string, path: string, options: { body?: string; headers?: Record<string, string>; auth?: boolean } = {}): Promise<RawAnswer> {
  const origin = backend.apiUrl.replace(/\/api$/, '');
  // Bodies go as JSON, as the SDK sends them (the backend refuses other content types).
  const json = options.body === undefined ? {} : { 'content-type': 'application/json' };
  const headers: Record<string, string> = { ...json, ...(options.auth === false ? {} : { authorization: `Bearer ${backend.apiKey}` }), ...options.headers };
  const response = await fetch(`${origin}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: options.body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

/** A path on a signed preview address, keeping the token query the signed URL carries. */
export function onSigned(signedUrl: string, path: string): string {
  const url = new URL(signedUrl);
  url.pathname = path;
  return url.toString();
}

/** Polls `check` until it is true (bounded; this is a wait, not a timing assertion). */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
