// The rows of the README's benchmark table from bench result lines (see bench/table.ts): figure, target,
// whether it is met, and for a missed time-to-preview target the largest of Forge's steps.
/** One result line of any benchmark (the fields the table reads). */
export interface Result {
  readonly bench: string;
  readonly error?: string;
  readonly fixture?: string;
  readonly caches?: string;
  readonly sandbox?: string;
  readonly via?: string;
  readonly forge_ms?: number;
  readonly floor_ms?: number;
  readonly seed_ms?: number;
  readonly forge_steps?: Record<string, number>;
  readonly p50_ms?: number;
  readonly p95_ms?: number;
  readonly vscode_save_p50_ms?: number;
  readonly lines?: number;
  readonly max_stall_ms?: number;
  readonly lost_silently?: number;
  readonly skipped_lines?: number;
  readonly idle_mb?: number;
  readonly five_sandboxes_mb?: number;
  readonly overhead_ms?: number;
  readonly activate_ms?: number;
  readonly activate_with_loading_ms?: number;
  readonly sdk_loaded?: boolean;
  readonly bytes?: number;
  readonly ms?: number;
  readonly worst_run_max_stall_ms?: number;
  readonly runs?: number;
  /** Set on a line merged in by `npm run bench -- --only … --json --merge`: when that figure was measured alone. */
  readonly measured_at?: string;
  readonly load_avg_1m?: number;
  readonly cpus?: number;
}
const below = (v: number | undefined, limit: number): boolean => typeof v === 'number' && v < limit;
const count = (v: number | undefined): string => (v ?? 0).toLocaleString('en-US');
export interface Row { readonly what: string; readonly figure: string; readonly target: string; readonly ok?: boolean | undefined; readonly why?: string | undefined }

const ms = (v: unknown): string => (typeof v === 'number' ? `${Math.round(v).toLocaleString('en-US')} ms` : 'n/a');
const ratio = (a: unknown, b: unknown): number | undefined => (typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : undefined);

/** "install 2,100 ms, ready 900 ms, code 150 ms": the largest steps first. */
export function whyFromSteps(steps: unknown): string {
  if (!steps || typeof steps !== 'object') return 'no step timings';
  const top = Object.entries(steps as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'total').sort((a, b) => b[1] - a[1]).slice(0, 3);
  return top.length ? `largest steps: ${top.map(([k, v]) => `${k} ${ms(v)}`).join(', ')}` : 'no step timings';
}

function versus(r: Result, limit: number, label?: string): Omit<Row, 'what'> {
  const x = ratio(r.forge_ms, r.floor_ms);
  const ok = x !== undefined && x <= limit;
  return {
    figure: `${ms(r.forge_ms)} vs floor ${ms(r.floor_ms)} (${x === undefined ? '?' : x.toFixed(2)} ×)`,
    target: `≤ ${limit.toFixed(1)} × floor${label ? ` ${label}` : ''}`,
    ok,
    why: ok ? undefined : whyFromSteps(r.forge_steps),
  };
}

const RULES: Record<string, (r: Result) => Row> = {
  'time-to-preview': (r) => ({ what: `Time to preview, ${r.fixture}, caches ${r.caches}`, ...versus(r, r.caches === 'cold' ? 1.1 : 1.0), ...(r.seed_ms ? { figure: `${versus(r, 1).figure}; the guide's pipeline ${ms(r.seed_ms)}` } : {}) }),
  'new-branch': (r) => ({ what: `New branch of a repository previewed before, ${r.fixture}`, ...versus(r, 0.5) }),
  're-preview': (r) => ({
    what: `Re-preview, ${r.fixture} (sandbox ${r.sandbox ?? 'running'})`,
    figure: ms(r.forge_ms),
    target: '< 500 ms (sandbox running)',
    ok: r.sandbox === 'stopped' ? undefined : below(r.forge_ms, 500),
    ...(r.sandbox === 'stopped' ? { why: 'measured with the sandbox stopped (includes its start); no running-sandbox line yet' } : below(r.forge_ms, 500) ? {} : { why: whyFromSteps(r.forge_steps) }),
  }),
  'save-to-preview': (r) => ({
    what: `Save to preview${r.via ? ` (via ${r.via})` : ' (pushed into the sync queue, not an editor save)'}, p50 / p95`,
    figure: `${ms(r.p50_ms)} / ${ms(r.p95_ms)}`,
    target: 'p50 < 150 ms, through VS Code',
    ok: r.via === 'vscode' ? below(r.p50_ms, 150) : undefined,
    ...(r.via !== 'vscode'
      ? { why: 'not measured through a real save yet' }
      : !below(r.p50_ms, 150) && r.vscode_save_p50_ms !== undefined
        ? { why: `VS Code's own save (until document.save() resolves) takes ${ms(r.vscode_save_p50_ms)} of it (p50)` }
        : {}),
  }),
  'log-latency': (r) => ({ what: 'Log latency (1,000 lines), p50 / p95', figure: `${ms(r.p50_ms)} / ${ms(r.p95_ms)}`, target: 'p95 < 150 ms', ok: below(r.p95_ms, 150) }),
  'log-flood': (r) => ({
    what: `Log flood (${count(r.lines)} lines): longest stall, lines lost silently`,
    figure: `${ms(r.max_stall_ms)}${r.worst_run_max_stall_ms !== undefined && (r.runs ?? 1) > 1 ? ` (median of ${r.runs} runs; worst ${ms(r.worst_run_max_stall_ms)})` : ''}, ${r.lost_silently ?? '?'} lost (${count(r.skipped_lines)} skipped with a marker)`,
    target: '< 50 ms, 0',
    ok: below(r.max_stall_ms, 50) && r.lost_silently === 0,
    ...(!below(r.max_stall_ms, 50) && r.load_avg_1m !== undefined ? { why: `load average ${r.load_avg_1m} on ${r.cpus ?? '?'} cores while measured: a stall includes waiting for a core` } : {}),
  }),
  'local-backend-rss': (r) => ({ what: 'Local backend RSS idle / 5 sandboxes', figure: `${r.idle_mb} / ${r.five_sandboxes_mb} MB`, target: 'idle < 80 MB', ok: below(r.idle_mb, 80) }),
  activation: (r) =>
    r.overhead_ms !== undefined
      ? {
          what: 'Activation overhead over an empty extension',
          figure: `${r.overhead_ms} ms (SDK loaded: ${r.sdk_loaded ? 'yes' : 'no'})`,
          target: '< 5 ms, SDK not loaded',
          ok: below(r.overhead_ms, 5) && !r.sdk_loaded,
          ...(below(r.overhead_ms, 5) ? {} : { why: `activate() itself ${r.activate_ms ?? '?'} ms of ${r.activate_with_loading_ms ?? '?'} ms: the rest is loading dist/extension.js` }),
        }
      : { what: 'Activation: `activate()` (no empty-extension baseline yet)', figure: `${r.activate_ms} ms (${r.activate_with_loading_ms} ms with loading; SDK loaded: ${r.sdk_loaded ? 'yes' : 'no'})`, target: 'overhead < 5 ms, SDK not loaded', ok: undefined, why: 'no baseline: overhead not measured' },
  vsix: (r) => ({ what: 'Package size', figure: `${count(r.bytes)} bytes`, target: '≤ 2 MB', ok: below(r.bytes, 2 * 2 ** 20 + 1) }),
  'tree-refresh': (r) => ({ what: 'Sandboxes view, 200 sandboxes, one refresh', figure: ms(r.ms), target: '< 200 ms', ok: below(r.ms, 200) }),
};

export function benchRows(results: readonly Result[]): Row[] {
  return results.map((r): Row => {
    if (r.error) return { what: r.bench, figure: `failed: ${r.error}`, target: '', ok: false };
    const rule = Object.hasOwn(RULES, r.bench) ? RULES[r.bench] : undefined;
    const row = rule ? rule(r) : { what: r.bench, figure: JSON.stringify(r), target: '', ok: undefined };
    return r.measured_at ? { ...row, what: `${row.what} (measured alone, ${r.measured_at.slice(0, 16).replace('T', ' ')} UTC)` } : row;
  });
}
