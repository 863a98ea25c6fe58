import stripAnsi from 'strip-ansi';

export type LogStream = 'stdout' | 'stderr';

export interface LineBatcherOptions {
  /** How long text may wait before it is delivered. */
  readonly flushMs?: number;
  /** The most text delivered per flush; beyond it the oldest text is dropped and counted (at most twice this is held). */
  readonly maxBufferedChars?: number;
}

/** The line a LineBatcher delivers (on its own, as one call) in place of the lines it skipped. */
export const SKIPPED_MARKER = /^\n?\[Forge: (\d+) log lines? skipped to keep up/;

export function skippedMarker(count: number): string {
  return `[Forge: ${count} log ${count === 1 ? 'line' : 'lines'} skipped to keep up; "Forge: Show Full Log" opens the whole log]\n`;
}

/**
 * Collects log chunks and delivers them in batches, without ANSI colour codes, so a flood of lines costs the
 * receiver (an Output channel, a terminal) one call per interval instead of one per line, and memory stays bounded.
 * Whole lines are delivered; a trailing partial line waits one more interval for its end. A line is either
 * delivered or counted by a skip marker, never lost silently.
 */
export class LineBatcher {
  private buffer = '';
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The buffer holds only a partial line kept back at the last flush. */
  private holding = false;
  /** Whether the last text delivered ended a line (a marker must start on a line of its own). */
  private atLineStart = true;
  private readonly flushMs: number;
  private readonly maxBufferedChars: number;

  constructor(private readonly deliver: (text: string) => void, options: LineBatcherOptions = {}) {
    this.flushMs = options.flushMs ?? 50;
    this.maxBufferedChars = options.maxBufferedChars ?? 512 * 1024;
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    this.buffer += chunk;
    this.holding = false;
    // Trimming copies the buffer: doing it only once it holds twice the limit keeps a flood linear, not quadratic.
    // Colour codes are stripped at delivery, from what is kept: a flood costs no regex over text that is dropped.
    if (this.buffer.length > 2 * this.maxBufferedChars) this.trim();
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Delivers what is buffered; `all` also a trailing partial line (otherwise it waits one interval for its end). */
  flush(all = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.trim();
    if (this.dropped > 0) {
      this.deliver(`${this.atLineStart ? '' : '\n'}${skippedMarker(this.dropped)}`);
      this.dropped = 0;
      this.atLineStart = true;
    }
    if (this.buffer.length === 0) return;
    const end = all || this.holding ? this.buffer.length : this.buffer.lastIndexOf('\n') + 1;
    const text = end === this.buffer.length ? this.buffer : this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end);
    if (text.length > 0) {
      this.atLineStart = text.endsWith('\n');
      this.deliver(stripAnsi(text));
    }
    if (this.buffer.length > 0) {
      this.holding = true;
      this.timer = setTimeout(() => this.flush(), this.flushMs);
    }
  }

  /** Keeps the newest `maxBufferedChars` (from a line start when there is one), counting the lines dropped. */
  private trim(): void {
    if (this.buffer.length <= this.maxBufferedChars) return;
    // The newline just before the newest `maxBufferedChars`: what follows it starts a line.
    const cut = this.buffer.indexOf('\n', this.buffer.length - this.maxBufferedChars - 1);
    const keepFrom = cut === -1 ? this.buffer.length - this.maxBufferedChars : cut + 1;
    this.dropped += countLines(this.buffer, keepFrom);
    this.buffer = this.buffer.slice(keepFrom);
  }

  dispose(): void {
    this.flush(true);
  }
}

/** Newlines in text[0, end): each one ends a line. */
function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
