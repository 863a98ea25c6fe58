// Forge's own listeners take their ports from one range, which the manifest tells VS Code's port auto-forwarding
// to ignore (VS Code lists every listener of the extension host as "Code Extension Host" otherwise; the
// integration test ports.test.ts looks at the Ports view itself).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { FORGE_PORT_RANGE, listenInRange } from '../../../../src/local/http/reservedPorts';
import { startTestBackend } from '../helpers';

const inRange = (port: number): boolean => port >= FORGE_PORT_RANGE.first && port <= FORGE_PORT_RANGE.last;
const portOf = (url: string): number => Number(new URL(url).port);

describe("Forge's listener ports (local backend)", function () {
  this.timeout(30_000);
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const server = (): Server => {
    const s = createServer();
    servers.push(s);
    return s;
  };

  it("the manifest tells VS Code's auto-forwarding to ignore exactly that range", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { configurationDefaults?: Record<string, Record<string, { onAutoForward?: string; label?: string }>> } };
    const attributes = manifest.contributes.configurationDefaults?.['remote.portsAttributes'] ?? {};
    assert.deepEqual(attributes[`${FORGE_PORT_RANGE.first}-${FORGE_PORT_RANGE.last}`], { label: 'Forge (internal)', onAutoForward: 'ignore' });
    // Contributed defaults replace VS Code's own default object: keep its https ports.
    assert.deepEqual([attributes['443'], attributes['8443']], [{ protocol: 'https' }, { protocol: 'https' }]);
  });

  it('takes a free port of the range, skipping taken ones, and any free port once the range is full', async () => {
    // Just past Forge's own range, so a backend another test left open cannot hold these.
    const range = { first: FORGE_PORT_RANGE.last + 1, last: FORGE_PORT_RANGE.last + 3 };
    const taken = await Promise.all([0, 1, 2].map(() => listenInRange(server(), range)));
    assert.deepEqual([...taken].sort(), [range.first, range.first + 1, range.first + 2]);
    const overflow = await listenInRange(server(), range);
    assert.ok(overflow < range.first || overflow > range.last, `fell back to a free port outside the full range: ${overflow}`);
  });

  it('puts the management API, preview links and signed preview URLs in the range', async () => {
    const t = await startTestBackend();
    try {
      const sandbox = await t.daytona.create({ autoStopInterval: 0 });
      const link = await sandbox.getPreviewLink(3000);
      const signed = await sandbox.getSignedPreviewUrl(3000, 3600);
      const ports = [portOf(t.backend.apiUrl), portOf(link.url), portOf(signed.url)];
      assert.deepEqual(ports.filter((p) => !inRange(p)), [], `ports ${ports.join(', ')}`);
      assert.equal(new Set(ports).size, 3, 'each its own port');
    } finally {
      await t.stop();
    }
  });
});
