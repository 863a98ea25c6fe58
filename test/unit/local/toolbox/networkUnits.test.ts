// The small parts of the sandbox network: reading listeners from /proc's tables, and the resolv.conf a
// sandbox gets when the host's names a loopback server.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxResolvConf } from '../../../../src/local/runner/network/dns';
import { parseTable } from '../../../../src/local/runner/network/listeners';

const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('local runner: sandbox network parts', () => {
  it('reads listening sockets and their scope from /proc/net/tcp and tcp6, skipping connections', () => {
    const v4 = `${HEAD}   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n   1: 0100007F:0FA0 00000000:0000 0A 0 0 0 0 0 2\n   2: 6402000A:AF50 507100CB:01BB 01 0 0 0 0 0 3\n   3: 6402000A:1F90 00000000:0000 0A 0 0 0 0 0 4\n`;
    const v6 = `${HEAD}   0: 00000000000000000000000000000000:1435 00000000000000000000000000000000:0000 0A 0 0 0 0 0 5\n   1: 00000000000000000000000001000000:1436 00000000000000000000000000000000:0000 0A 0 0 0 0 0 6\n   2: 0000000000000000FFFF00000100007F:1437 00000000000000000000000000000000:0000 0A 0 0 0 0 0 7\n`;
    assert.deepEqual(parseTable(v4, 4), [
      { port: 3000, family: 4, scope: 'any' },
      { port: 4000, family: 4, scope: 'loopback' },
      { port: 8080, family: 4, scope: 'other' },
    ]);
    assert.deepEqual(parseTable(v6, 6), [
      { port: 5173, family: 6, scope: 'any' },
      { port: 5174, family: 6, scope: 'loopback' },
      { port: 5175, family: 6, scope: 'loopback' },
    ]);
  });

  it('keeps a reachable host resolver, and replaces a loopback one (systemd-resolved’s stub)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forge-dns-'));
    try {
      writeFileSync(join(dir, 'public.conf'), 'nameserver 10.255.255.53\n');
      assert.equal(sandboxResolvConf(dir, join(dir, 'public.conf')), undefined);
      writeFileSync(join(dir, 'stub.conf'), 'nameserver 127.0.0.53\noptions edns0\n');
      const replacement = sandboxResolvConf(dir, join(dir, 'stub.conf'));
      assert.ok(replacement !== undefined);
      const servers = [...readFileSync(replacement, 'utf8').matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]);
      assert.ok(servers.length > 0 && servers.every((s) => !s?.startsWith('127.')), servers.join(','));
      if (!existsSync('/run/systemd/resolve/resolv.conf')) assert.deepEqual(servers, ['10.0.2.3']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
