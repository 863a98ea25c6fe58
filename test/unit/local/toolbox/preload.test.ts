// The port-remapping preload on its own: plain node processes with NODE_OPTIONS=--require, no toolbox.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRELOAD_SOURCE } from '../../../../src/local/runner/preloadSource';

function runNode(dir: string, mapDir: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', FORGE_PORT_MAP_DIR: mapDir, NODE_OPTIONS: `--require "${join(dir, 'preload.cjs')}"` }, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('local toolbox: port-remapping preload', () => {
  let dir: string;
  let ports: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'forge-preload-'));
    ports = join(dir, 'ports');
    mkdirSync(ports);
    writeFileSync(join(dir, 'preload.cjs'), PRELOAD_SOURCE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('remaps every listen form, reports the asked port, and removes the entry on close', async () => {
    const out = await runNode(
      dir,
      ports,
      `
      const net = require('net'); const fs = require('fs');
      const results = {};
      const a = net.createServer();
      a.listen({ port: '5101', host: '::' }, () => {
        results.options = a.address().port;
        const entry = JSON.parse(fs.readFileSync(process.env.FORGE_PORT_MAP_DIR + '/5101.json', 'utf8'));
        results.mapped = entry.actualPort !== 5101 && entry.loopbackOnly === false;
        const b = net.createServer().listen(5102, 'localhost', function () {
          results.loopback = JSON.parse(fs.readFileSync(process.env.FORGE_PORT_MAP_DIR + '/5102.json', 'utf8')).loopbackOnly;
          const c = net.createServer().listen(0, () => {
            results.ephemeralUnmapped = !fs.readdirSync(process.env.FORGE_PORT_MAP_DIR).some((n) => n === c.address().port + '.json');
            const sock = process.env.FORGE_PORT_MAP_DIR + '/../s.sock';
            const d = net.createServer().listen(sock, () => {
              results.unix = d.address() === sock;
              // A client connecting to the asked port reaches the server.
              a.once('connection', (s) => s.end('via-remap'));
              net.connect(5101, () => undefined).on('data', (buf) => {
                results.connect = buf.toString();
                a.close(() => {
                  results.removed = !fs.existsSync(process.env.FORGE_PORT_MAP_DIR + '/5101.json');
                  b.close(); c.close(); d.close();
                  console.log(JSON.stringify(results));
                });
              });
            });
          });
        });
      });`,
    );
    assert.deepEqual(JSON.parse(out), { options: 5101, mapped: true, loopback: true, ephemeralUnmapped: true, unix: true, connect: 'via-remap', removed: true });
  });

  it('takes over a stale entry whose server is gone, and refuses a live one across processes', async () => {
    writeFileSync(join(ports, '5201.json'), JSON.stringify({ port: 5201, actualPort: 1, loopbackOnly: false }));
    const out = await runNode(dir, ports, `require('net').createServer().listen(5201, function () { console.log(this.address().port); this.close(); })`);
    assert.equal(out, '5201\n');
    const holder = await runNode(
      dir,
      ports,
      `const s = require('net').createServer().listen(5202, () => {
         require('child_process').execFile(process.execPath, ['-e', "require('net').createServer().listen(5202).on('error', (e) => console.log(e.code))"], { env: process.env }, (err, so) => { console.log(so.trim()); s.close(); });
       });`,
    );
    assert.equal(holder, 'EADDRINUSE\n');
  });

  it('stays out of the way without a map directory: the server listens on the real port', async () => {
    const out = await runNode(
      dir,
      join(dir, 'does-not-exist'),
      `const s = require('http').createServer((q, r) => r.end('real')).listen(5301, '127.0.0.1', () => {
         require('http').get('http://127.0.0.1:5301/', (r) => r.on('data', (d) => { console.log(s.address().port + ' ' + d); s.close(); }));
       })`,
    );
    assert.equal(out, '5301 real\n');
    assert.ok(!existsSync(join(dir, 'does-not-exist')));
  });
});
