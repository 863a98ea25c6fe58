// Log latency: a command in a sandbox of `forge local serve` (its own process) prints lines; this process plays
// the editor's side: followCommandLogs (what Preview.followLogs runs) into a LineBatcher (what the Output channel
// receives). Each line carries the time it was printed; measured when the batcher delivers it. (The flood is
// bench/logFlood.ts.)
import type { Sandbox } from '@daytonaio/sdk';
import { quote } from 'shell-quote';
import { followCommandLogs } from '../src/core/logs/follow';
import { LineBatcher } from '../src/core/logs/lineBatcher';
import { emit, main, QUICK, quietLogger, tempDir } from './lib/env';
import { startServe, type Serve } from './lib/localServe';
import { percentile } from './lib/stats';

const LATENCY_LINES = QUICK ? 200 : 1000;
const LINE_INTERVAL_MS = 10;

let serve: Serve | undefined;

main(async () => {
  serve = await startServe(tempDir('logs-data'));
  const sandbox = await serve.daytona.create({ language: 'typescript', autoStopInterval: 0 });
  await measureLatency(sandbox);
}, async () => {
  await serve?.stop();
});

async function startCommand(sandbox: Sandbox, session: string, script: string): Promise<string> {
  await sandbox.process.createSession(session);
  const { cmdId } = await sandbox.process.executeSessionCommand(session, { command: `node -e ${quote([script])}`, runAsync: true });
  return cmdId;
}

async function measureLatency(sandbox: Sandbox): Promise<void> {
  // A second of silence first, so that following has begun before the first line (no replayed backlog).
  const script = `let n=0;setTimeout(()=>{const t=setInterval(()=>{console.log('T'+Date.now()+' line '+n);if(++n>=${LATENCY_LINES})clearInterval(t)},${LINE_INTERVAL_MS})},1000)`;
  const cmdId = await startCommand(sandbox, 'bench-latency', script);
  const latencies: number[] = [];
  let partial = '';
  const batcher = new LineBatcher((text) => {
    const now = Date.now();
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^T(\d+) /.exec(line);
      if (match) latencies.push(now - Number(match[1]));
    }
  });
  await followCommandLogs(sandbox, 'bench-latency', cmdId, (text) => batcher.push(text), { logger: quietLogger, signal: new AbortController().signal });
  batcher.dispose();
  if (latencies.length !== LATENCY_LINES) throw new Error(`received ${latencies.length} of ${LATENCY_LINES} lines`);
  emit({ bench: 'log-latency', p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), max_ms: Math.max(...latencies), lines: latencies.length });
}
