// Log flood: a command in a sandbox of `forge local serve` (its own process) writes 100,000 lines at once; this
// process plays the extension host: followCommandLogs (what Preview.followLogs runs) into a LineBatcher whose
// batches go where DevServerLog sends them (its tail of recent lines, then the Output channel, here a counter).
// Measured: the longest event-loop stall while the lines arrive, from the first chunk to the last delivery
// (perf_hooks' monitorEventLoopDelay, 1 ms resolution), the memory still held after they are delivered (after a
// GC), and the lines neither delivered nor counted by a skip marker (lost silently). The machine is shared: a full
// run floods 3 times and reports the median run's longest stall, and the worst run's beside it.
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { quote } from 'shell-quote';
import { followCommandLogs } from '../src/core/logs/follow';
import { LineBatcher, SKIPPED_MARKER } from '../src/core/logs/lineBatcher';
import { LogTail } from '../src/core/logs/tail';
import type { Sandbox } from '@daytonaio/sdk';
import { emit, main, QUICK, quietLogger, tempDir } from './lib/env';
import { startServe, type Serve } from './lib/localServe';
import { median, round } from './lib/stats';

const FLOOD_LINES = 100_000;
const RUNS = QUICK ? 1 : 3;

let serve: Serve | undefined;

main(async () => {
  serve = await startServe(tempDir('flood-data'));
  const sandbox = await serve.daytona.create({ language: 'typescript', autoStopInterval: 0 });
  const runs: Flood[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await flood(sandbox, i));
  const stalls = runs.map((r) => r.maxStallMs);
  const last = runs[runs.length - 1] as Flood;
  emit({
    bench: 'log-flood',
    lines: FLOOD_LINES,
    max_stall_ms: round(median(stalls), 1),
    worst_run_max_stall_ms: round(Math.max(...stalls), 1),
    p99_stall_ms: round(last.p99StallMs, 1),
    rss_growth_mb: round(last.rssGrowthMb, 1),
    delivered_lines: last.delivered,
    skipped_lines: last.skipped,
    markers: last.markers,
    lost_silently: Math.max(...runs.map((r) => r.lostSilently)),
    last_line_delivered: runs.every((r) => r.lastLineDelivered),
    runs: RUNS,
    // A wall-clock stall includes the time this process waited for a core: say how busy the machine was.
    load_avg_1m: round(loadavg()[0] ?? 0, 1),
    cpus: cpus().length,
    gc: (globalThis as { gc?: () => void }).gc !== undefined,
  });
}, async () => {
  await serve?.stop();
});

interface Flood {
  readonly maxStallMs: number;
  readonly p99StallMs: number;
  readonly rssGrowthMb: number;
  readonly delivered: number;
  readonly skipped: number;
  readonly markers: number;
  readonly lostSilently: number;
  readonly lastLineDelivered: boolean;
}

async function flood(sandbox: Sandbox, run: number): Promise<Flood> {
  const script = `let s='';for(let i=0;i<${FLOOD_LINES};i++)s+='flood line '+i+' lorem ipsum dolor sit amet\\n';setTimeout(()=>process.stdout.write(s),1000)`;
  const session = `bench-flood-${run}`;
  await sandbox.process.createSession(session);
  const { cmdId } = await sandbox.process.executeSessionCommand(session, { command: `node -e ${quote([script])}`, runAsync: true });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  let delivered = 0;
  let skipped = 0;
  let markers = 0;
  const recent = new LogTail(500);
  const batcher = new LineBatcher((text) => {
    const marker = SKIPPED_MARKER.exec(text);
    if (marker) {
      markers++;
      skipped += Number(marker[1]);
      return;
    }
    recent.push(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) delivered++;
  });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const sink = (text: string): void => {
    delay.enable(); // from the first chunk: connecting is not "while the lines arrive"
    batcher.push(text);
  };
  await followCommandLogs(sandbox, session, cmdId, sink, { logger: quietLogger, signal: new AbortController().signal });
  batcher.dispose();
  delay.disable();
  await new Promise((r) => setTimeout(r, 200));
  gc?.();
  return {
    // The histogram is in nanoseconds; a 1 ms timer firing late by d means the loop was busy d.
    maxStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
    rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
    delivered,
    skipped,
    markers,
    lostSilently: FLOOD_LINES - delivered - skipped,
    lastLineDelivered: recent.last(1)[0] === `flood line ${FLOOD_LINES - 1} lorem ipsum dolor sit amet`,
  };
}
