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
    const parts = (this.partial + chunk).split('\n');
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
