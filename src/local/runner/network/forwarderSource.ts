// The program that holds a sandbox's network namespace and is the preview proxy's only way into it. It runs
// in the sandbox's network namespace but in the host's mount namespace: it listens on a UNIX socket in the
// backend's private 0700 directory (sandbox code cannot see that path), reads one line `<127.0.0.1|::1> <port>`
// per connection and pipes bytes to that loopback port inside the namespace. It exits when its stdin closes
// (the backend stopped or died), which ends the namespace. Host ports the user explicitly let sandboxes reach
// (FORGE_LOCAL_HOST_PORTS, e.g. a test git server) are listened on at 127.0.0.1 inside and relayed to the
// backend's socket `host-<port>.sock` next to ours. Kept as a string so it survives bundling.
export const FORWARDER_SOURCE = String.raw`'use strict';
const net = require('net');
const fs = require('fs');
const socketPath = process.argv[2];
try { fs.unlinkSync(socketPath); } catch (e) {}
const server = net.createServer((client) => {
  let head = Buffer.alloc(0);
  client.on('error', () => client.destroy());
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(10);
    if (nl < 0) { if (head.length > 64) client.destroy(); return; }
    client.off('data', onData);
    client.pause();
    const m = /^(127\.0\.0\.1|::1) (\d{1,5})$/.exec(head.subarray(0, nl).toString('latin1'));
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) { client.destroy(); return; }
    const rest = head.subarray(nl + 1);
    const upstream = net.connect({ host: m[1], port: port });
    upstream.setNoDelay(true);
    upstream.once('connect', () => {
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  };
  client.on('data', onData);
});
server.on('error', (e) => { process.stderr.write('forwarder: ' + e.message + '\n'); process.exit(1); });
server.listen(socketPath, () => {
  fs.chmodSync(socketPath, 0o600);
  Promise.all(relays).then(() => process.stdout.write('ready\n'));
});
const path = require('path');
const relays = (process.argv[3] || '').split(',').filter((p) => /^\d{1,5}$/.test(p)).map((port) => new Promise((resolve) => {
  const relay = net.createServer((inside) => {
    const toHost = net.connect(path.join(path.dirname(socketPath), 'host-' + port + '.sock'));
    inside.pipe(toHost); toHost.pipe(inside);
    inside.on('error', () => toHost.destroy()); toHost.on('error', () => inside.destroy());
    inside.on('close', () => toHost.destroy()); toHost.on('close', () => inside.destroy());
  });
  relay.on('error', (e) => { process.stderr.write('forwarder: relay ' + port + ': ' + e.message + '\n'); resolve(); });
  relay.listen(Number(port), '127.0.0.1', resolve);
}));
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
`;
