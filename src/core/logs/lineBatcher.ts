import stripAnsi from 'strip-ansi';

export type LogStream = 'stdout' | 'stderr';

export interface LineBatcherOptions {
  /** How long text may wait before it is delivered. */
  readonly flushMs?: number;
  /** The most text delivered per flush; beyond it the oldest text is dropped and counted (at most twice this is held). */
  readonly maxBufferedChars?: number;
}

/**
 * Collects log chunks and delivers them in batches, without ANSI colour codes, so a flood of lines costs the
 * receiver (an Output channel, a terminal) one call per interval instead of one per line, and memory stays bounded.
 */
export class LineBatcher {
  private buffer = '';
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly flushMs: number;
  private readonly maxBufferedChars: number;

  constructor(private readonly deliver: (text: string) => void, options: LineBatcherOptions = {}) {
    this.flushMs = options.flushMs ?? 50;
    this.maxBufferedChars = options.maxBufferedChars ?? 512 * 1024;
  }

  push(chunk: string): void {
    this.buffer += stripAnsi(chunk);
    // Trimming copies the buffer: doing it only once it holds twice the limit keeps a flood linear, not quadratic.
    if (this.buffer.length > 2 * this.maxBufferedChars) this.trim();
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.trim();
    if (this.dropped > 0) {
      this.deliver(`[Forge: ${this.dropped} log lines skipped to keep up]\n`);
      this.dropped = 0;
    }
    if (this.buffer.length === 0) return;
    const text = this.buffer;
    this.buffer = '';
    this.deliver(text);
  }

  /** Keeps the newest `maxBufferedChars` (from a line start when there is one), counting the lines dropped. */
  private trim(): void {
    if (this.buffer.length <= this.maxBufferedChars) return;
    const cut = this.buffer.indexOf('\n', this.buffer.length - this.maxBufferedChars);
    const keepFrom = cut === -1 ? this.buffer.length - this.maxBufferedChars : cut + 1;
    this.dropped += countLines(this.buffer.slice(0, keepFrom));
    this.buffer = this.buffer.slice(keepFrom);
  }

  dispose(): void {
    this.flush();
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
