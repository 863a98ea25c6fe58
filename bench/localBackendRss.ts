// Local backend footprint: resident memory of `forge local serve` (VmRSS from /proc), idle and with five started
// sandboxes each running a tiny HTTP server in a session (the servers themselves are separate processes, not counted).
import { readFileSync } from 'node:fs';
import { quote } from 'shell-quote';
import { emit, main, tempDir } from './lib/env';
import { pollUntil } from './lib/http';
import { startServe, type Serve } from './lib/localServe';
import { round } from './lib/stats';

let serve: Serve | undefined;

main(async () => {
  serve = await startServe(tempDir('rss-data'));
  await settle();
  const idle = rssMb(serve.pid);
  const server = `require('http').createServer((q,s)=>s.end('ok')).listen(3000,'0.0.0.0')`;
  for (let i = 0; i < 5; i++) {
    const sandbox = await serve.daytona.create({ language: 'typescript', autoStopInterval: 0 });
    await sandbox.process.createSession('tiny');
    await sandbox.process.executeSessionCommand('tiny', { command: `node -e ${quote([server])}`, runAsync: true });
    const link = await sandbox.getPreviewLink(3000);
    await pollUntil(link.url, 30_000, { headers: { 'x-daytona-preview-token': link.token } });
  }
  await settle();
  emit({ bench: 'local-backend-rss', idle_mb: idle, five_sandboxes_mb: rssMb(serve.pid) });
}, async () => {
  await serve?.stop();
});

function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 2_000));
}

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return round(Number(match[1]) / 1024, 1);
}
