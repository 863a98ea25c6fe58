import stripAnsi from 'strip-ansi';

/**
 * Keeps the last lines of a log, for error messages ("the dev server exited; its last lines were …") and diagnosis,
 * without colour codes (a line is only stripped once it is whole: an escape never spans a newline).
 */
export class LogTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly max = 30) {}

  push(chunk: string): void {
    // A large chunk (a flood's batch) holds more lines than are kept: only its end is split.
    const start = startOfLast(chunk, this.max + 1);
    if (start > 0) {
      this.lines = [];
      this.partial = '';
    }
    const parts = (this.partial + (start > 0 ? chunk.slice(start) : chunk)).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.lines.push(stripAnsi(line).trimEnd());
    if (this.lines.length > this.max) this.lines = this.lines.slice(-this.max);
  }

  last(n = this.max): string[] {
    const all = this.partial ? [...this.lines, stripAnsi(this.partial)] : this.lines;
    return all.filter((l) => l.trim() !== '').slice(-n);
  }

  text(): string {
    return this.last().join('\n');
  }
}

/** Where the last `n` newline-ended lines of text begin (0 when it has fewer). */
function startOfLast(text: string, n: number): number {
  let at = text.length;
  for (let seen = 0; seen <= n; seen++) {
    at = text.lastIndexOf('\n', at - 1);
    if (at <= 0) return 0;
  }
  return at + 1;
}
