// Log latency and log flood: a command in a sandbox of `forge local serve` (its own process) prints lines; this
// process plays the editor's side: followCommandLogs (what Preview.followLogs runs) into a LineBatcher (what the
// Output channel receives).
//  - latency: each line carries the time it was printed; measured when the batcher delivers it.
//  - flood: 100,000 lines at once; the longest event-loop stall here while they arrive, and the memory still held
//    after they are delivered (after a GC). A timer that should fire every 5 ms measures the stalls: how late it
//    fires is how long the event loop was busy.
import type { Sandbox } from '@daytonaio/sdk';
import { quote } from 'shell-quote';
import { followCommandLogs } from '../src/core/logs/follow';
import { LineBatcher } from '../src/core/logs/lineBatcher';
import type { Logger } from '../src/common/logger';
import { QUICK, emit, main, progress, tempDir } from './lib/env';
import { startServe, type Serve } from './lib/localServe';
import { percentile, round } from './lib/stats';

const LATENCY_LINES = QUICK ? 200 : 1000;
const LINE_INTERVAL_MS = 10;
const FLOOD_LINES = 100_000;
const quiet: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m) => progress(`warn: ${m}`), error: (m) => progress(`error: ${String(m)}`) };

let serve: Serve | undefined;

main(async () => {
  serve = await startServe(tempDir('logs-data'));
  const sandbox = await serve.daytona.create({ language: 'typescript', autoStopInterval: 0 });
  await measureLatency(sandbox);
  await measureFlood(sandbox);
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
  await followCommandLogs(sandbox, 'bench-latency', cmdId, (text) => batcher.push(text), { logger: quiet, signal: new AbortController().signal });
  batcher.dispose();
  if (latencies.length !== LATENCY_LINES) throw new Error(`received ${latencies.length} of ${LATENCY_LINES} lines`);
  emit({ bench: 'log-latency', p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), max_ms: Math.max(...latencies), lines: latencies.length });
}

async function measureFlood(sandbox: Sandbox): Promise<void> {
  const script = `let s='';for(let i=0;i<${FLOOD_LINES};i++)s+='flood line '+i+' lorem ipsum dolor sit amet\\n';setTimeout(()=>process.stdout.write(s),1000)`;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cmdId = await startCommand(sandbox, 'bench-flood', script);
  let delivered = 0;
  let skipped = 0;
  const batcher = new LineBatcher((text) => {
    const notice = /^\[Forge: (\d+) log lines skipped/.exec(text);
    if (notice) skipped += Number(notice[1]);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) delivered++;
  });
  const stalls = stallProbe();
  await followCommandLogs(sandbox, 'bench-flood', cmdId, (text) => batcher.push(text), { logger: quiet, signal: new AbortController().signal });
  batcher.dispose();
  const maxStallMs = stalls.stop();
  await new Promise((r) => setTimeout(r, 200));
  gc?.();
  const rssAfter = process.memoryUsage().rss;
  const received = delivered - (skipped > 0 ? 1 : 0);
  emit({
    bench: 'log-flood',
    lines: FLOOD_LINES,
    max_stall_ms: round(maxStallMs, 1),
    rss_growth_mb: round((rssAfter - rssBefore) / 2 ** 20, 1),
    delivered_lines: received,
    skipped_lines: skipped,
    // Lines neither delivered nor counted by a skip marker.
    lost_silently: Math.max(0, FLOOD_LINES - received - skipped),
    gc: gc !== undefined,
  });
}

/** The longest time the event loop was blocked: how late a 5 ms interval timer fired, at worst. */
function stallProbe(): { stop(): number } {
  const every = 5;
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - every);
    last = now;
  }, every);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(0, worst);
    },
  };
}
