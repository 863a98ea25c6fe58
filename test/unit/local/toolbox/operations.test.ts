// Conformance of the local toolbox with Daytona's: the operations of SDK 0.218's generated toolbox client
// (@daytona/toolbox-api-client, a dependency of @daytonaio/sdk, so this needs no network and no Daytona checkout)
// are enumerated by calling each generated `*ApiAxiosParamCreator` function, which returns the method and URL
// it would request. Each must be a row of the operations table; served rows must reach a handler, the others
// must get the router's "no toolbox route"; src/local/README.md's table must say exactly what the list says.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WebSocket } from 'ws';
import { DAYTONA_TOOLBOX_OPERATIONS, operationFor, type DaytonaOperation } from '../../../../src/local/toolbox/daytonaOperations';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** What every parameter of a generated function gets, so path parameters show as this segment. */
const PARAM = 'P';

interface ClientOperation {
  readonly name: string;
  readonly method: string;
  /** The path with each parameter as `{…}`-free PARAM segments, e.g. `/process/session/P/exec`. */
  readonly path: string;
}

type ParamCreator = (config: object) => Record<string, (...args: unknown[]) => Promise<{ url: string; options: { method?: string } }>>;

async function clientOperations(): Promise<ClientOperation[]> {
  const sdkDir = dirname(require.resolve('@daytonaio/sdk'));
  const load = createRequire(__filename);
  const client = load(load.resolve('@daytona/toolbox-api-client', { paths: [sdkDir] })) as Record<string, unknown>;
  const found: ClientOperation[] = [];
  for (const [exportName, creator] of Object.entries(client)) {
    if (!exportName.endsWith('ApiAxiosParamCreator') || typeof creator !== 'function') continue;
    for (const [name, build] of Object.entries((creator as ParamCreator)({}))) {
      const args = new Array<unknown>(build.length).fill(PARAM);
      const { url, options } = await build(...args);
      found.push({ name, method: options.method ?? 'GET', path: new URL(url, 'http://client.invalid').pathname });
    }
  }
  return found;
}

const withParams = (path: string): string => path.replace(/\{\w+\}/g, PARAM);
const rowFor = (op: ClientOperation): DaytonaOperation | undefined =>
  op.path.startsWith('/computeruse/') ? operationFor(op.method, op.path) : DAYTONA_TOOLBOX_OPERATIONS.find((o) => o.method === op.method && withParams(o.path) === op.path);
const camel = (id: string): string => id.charAt(0).toLowerCase() + id.slice(1);

describe('local toolbox: Daytona operations', () => {
  let f: SandboxFixture;
  let base: string;
  let client: ClientOperation[];
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${f.t.backend.apiKey}` });
  const send = async (method: string, path: string): Promise<string> => {
    const res = await fetch(`${base}${path}`, { method, headers: { ...auth(), 'Content-Type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    return `${res.status} ${await res.text()}`;
  };

  before(async () => {
    client = await clientOperations();
    f = await startSandbox();
    base = `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}`;
  });
  after(async () => {
    await f?.stop();
  });

  it("has a row for every operation of SDK 0.218's toolbox client, under the client's own name", () => {
    assert.ok(client.length >= 100, `only ${client.length} operations found in the client`);
    const missing = client.filter((op) => !rowFor(op)).map((op) => `${op.method} ${op.path} (${op.name})`);
    assert.deepEqual(missing, []);
    const misnamed = client.filter((op) => !op.path.startsWith('/computeruse/') && camel(rowFor(op)?.id ?? '') !== op.name).map((op) => op.name);
    assert.deepEqual(misnamed, []);
    const computerUse = client.filter((op) => op.path.startsWith('/computeruse/')).length;
    assert.match(operationFor('GET', '/computeruse/x')?.note ?? '', new RegExp(`\\(${computerUse} operations`));
  });

  it('lists the v0.190 swagger: 59 operations outside computer use, LSP the only ones not served', () => {
    const v190 = DAYTONA_TOOLBOX_OPERATIONS.filter((o) => !o.newer && o.path !== '/computeruse/*');
    assert.equal(v190.length, 59);
    assert.deepEqual(
      v190.filter((o) => !o.served).map((o) => o.path),
      ['/lsp/completions', '/lsp/did-close', '/lsp/did-open', '/lsp/document-symbols', '/lsp/start', '/lsp/stop', '/lsp/workspacesymbols'],
    );
  });

  for (const op of DAYTONA_TOOLBOX_OPERATIONS.filter((o) => o.served && !o.websocket)) {
    it(`routes ${op.method} ${op.path} (${op.id})`, async () => {
      assert.doesNotMatch(await send(op.method, withParams(op.path)), /no toolbox route|not allowed on/);
    });
  }

  it('routes the WebSocket /process/pty/{sessionId}/connect (ConnectPtySession)', async () => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/process/pty/P/connect`, ['X-Daytona-Pty-Exit-Control'], { headers: auth() });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(data.toString('utf8')));
      ws.once('error', reject);
    });
    ws.terminate();
    assert.match(first, /"type":"control"/);
  });

  it('routes the WebSocket /process/interpreter/execute (ExecuteInterpreterCode): a first message that is not JSON closes 1002', async () => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/process/interpreter/execute`, { headers: auth() });
    ws.once('open', () => ws.send('not json'));
    const [code, reason] = await new Promise<[number, string]>((resolve, reject) => {
      ws.once('close', (c: number, r: Buffer) => resolve([c, r.toString('utf8')]));
      ws.once('error', reject);
    });
    assert.deepEqual([code, reason], [1002, 'invalid JSON payload']);
  });

  it('answers "no toolbox route" to every client operation the table says is not served', async () => {
    const unserved = client.filter((op) => rowFor(op)?.served === false);
    assert.ok(unserved.some((op) => op.path.startsWith('/computeruse/')) && unserved.some((op) => op.path.startsWith('/lsp/')));
    for (const op of unserved) assert.match(await send(op.method, op.path), /^404 .*no toolbox route/, `${op.method} ${op.path}`);
  });

  it('is what src/local/README.md says, row for row', () => {
    const readme = readFileSync(join(ROOT, 'src', 'local', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(GET|POST|DELETE|ANY) ([^`]+)` \| (\w+) \| (yes|no)\b/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    const expected = DAYTONA_TOOLBOX_OPERATIONS.map((o) => `${o.method} ${o.path} ${o.id} ${o.served ? 'yes' : 'no'}`);
    assert.deepEqual(rows, expected);
  });
});
