// Diagnosis of what a real Next.js dev server prints when it fails (next dev, Turbopack).
import * as assert from 'node:assert/strict';
import { capture, freePort, holdPort, projectIn, touch } from '../../../../support/realServers';
import { assertDiagnosis, bin, kit } from './kits';

const PROJECT = {
  'package.json': '{ "private": true }',
  'app/layout.js': 'export default function Layout({ children }) { return <html><body>{children}</body></html>; }\n',
  'app/page.js': 'export default function Page() { return <p>hello</p>; }\n',
  'app/broken/page.js': 'import confetti from "canvas-confetti";\nexport default function Page() { return <p>{typeof confetti}</p>; }\n',
};
const ENV = { NEXT_TELEMETRY_DISABLED: '1' };

describe('diagnose: real Next.js output', function () {
  this.timeout(180_000);
  let dir: string;
  let remove: () => Promise<void>;
  let next: string;

  before(async function () {
    this.timeout(600_000);
    const kitDir = await kit('next');
    next = bin(kitDir, 'next');
    ({ dir, remove } = await projectIn(kitDir, PROJECT));
  });
  after(() => remove());

  it('port in use: names the taken port', async () => {
    const held = await holdPort();
    try {
      const run = await capture(next, ['dev', '-p', String(held.port)], { cwd: dir, env: ENV });
      assert.notEqual(run.exitCode, 0);
      assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox`));
    } finally {
      await held.close();
    }
  });

  it('missing package (Module not found on the first request): names it', async () => {
    const port = await freePort();
    const run = await capture(next, ['dev', '-p', String(port), '-H', '0.0.0.0'], {
      cwd: dir,
      env: ENV,
      until: /Ready in/,
      then: () => touch(`http://127.0.0.1:${port}/broken`),
      thenUntil: /GET \/broken/,
      timeoutMs: 150_000,
    });
    assertDiagnosis(run.output, port, /The package "canvas-confetti" is imported but not installed/);
  });

  it('out of memory (--max-old-space-size tiny): says so', async () => {
    const port = await freePort();
    const run = await capture(next, ['dev', '-p', String(port)], { cwd: dir, env: { ...ENV, NODE_OPTIONS: '--max-old-space-size=16' } });
    assertDiagnosis(run.output, port, /ran out of memory/, { coloured: false });
  });

  it('bound to 127.0.0.1 (-H 127.0.0.1, whose "Network" line is loopback too): says to listen on 0.0.0.0', async () => {
    const port = await freePort();
    const run = await capture(next, ['dev', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env: ENV, until: /Ready in/ });
    assertDiagnosis(run.output, port, /listens on localhost only/);
  });
});
