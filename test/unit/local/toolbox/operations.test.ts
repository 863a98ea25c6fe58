// Every Daytona toolbox operation the local backend claims to serve reaches a handler (not the router's
// "no toolbox route" / "not allowed" answer), and src/local/README.md's table says exactly what the list says.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { DAYTONA_TOOLBOX_OPERATIONS } from '../../../../src/local/toolbox/daytonaOperations';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('local toolbox: Daytona operations', () => {
  let f: SandboxFixture;
  let base: string;
  before(async () => {
    f = await startSandbox();
    base = `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}`;
  });
  after(async () => {
    await f?.stop();
  });

  const concrete = (path: string): string => path.replace('{port}', '3000').replace(/\{(\w+)\}/g, 'x1');

  for (const op of DAYTONA_TOOLBOX_OPERATIONS.filter((o) => o.served && !o.websocket)) {
    it(`routes ${op.method} ${op.path} (${op.id})`, async () => {
      const res = await fetch(`${base}${concrete(op.path)}`, {
        method: op.method,
        headers: { Authorization: `Bearer ${f.t.backend.apiKey}`, 'Content-Type': 'application/json' },
        ...(op.method === 'POST' ? { body: '{}' } : {}),
      });
      const text = await res.text();
      assert.doesNotMatch(text, /no toolbox route|not allowed on/, `${res.status} ${text}`);
    });
  }

  for (const op of DAYTONA_TOOLBOX_OPERATIONS.filter((o) => o.served && o.websocket)) {
    it(`routes the WebSocket ${op.path} (${op.id})`, async () => {
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${concrete(op.path)}`, ['X-Daytona-Pty-Exit-Control'], { headers: { Authorization: `Bearer ${f.t.backend.apiKey}` } });
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', (data: Buffer) => resolve(data.toString('utf8')));
        ws.once('error', reject);
      });
      ws.terminate();
      assert.match(first, /"type":"control"/);
    });
  }

  it('is what src/local/README.md says, row for row', () => {
    const readme = readFileSync(join(ROOT, 'src', 'local', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(GET|POST|DELETE) ([^`]+)` \| (\w+) \| (yes|no)\b/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    const expected = DAYTONA_TOOLBOX_OPERATIONS.map((o) => `${o.method} ${o.path} ${o.id} ${o.served ? 'yes' : 'no'}`);
    assert.deepEqual(rows, expected);
    assert.equal(DAYTONA_TOOLBOX_OPERATIONS.length, 59);
  });
});
