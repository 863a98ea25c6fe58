// A session command's log: one file holding stdout and stderr lines, each line prefixed by the daemon's
// 3-byte stream marker (01 01 01 = stdout, 02 02 02 = stderr), exactly what the SDK demultiplexes.
// Writes are synchronous so the file always holds every byte already announced to followers; each write
// is also emitted (`data`, offset, bytes) so a follower can tail without polling.
import { closeSync, openSync, writeSync } from 'node:fs';
import { EventEmitter } from 'node:events';

export type StreamName = 'stdout' | 'stderr';

export const STDOUT_MARKER = Buffer.from([1, 1, 1]);
export const STDERR_MARKER = Buffer.from([2, 2, 2]);

const marker = (stream: StreamName): Buffer => (stream === 'stdout' ? STDOUT_MARKER : STDERR_MARKER);

export interface CommandLogEvents {
  data: [offset: number, bytes: Buffer];
  end: [];
}

export class CommandLog extends EventEmitter<CommandLogEvents> {
  private fd: number | undefined;
  private current: StreamName | undefined;
  private readonly lineOpen: Record<StreamName, boolean> = { stdout: false, stderr: false };
  /** Bytes written so far (the file's length). */
  size = 0;
  ended = false;

  constructor(readonly file: string) {
    super();
    this.fd = openSync(file, 'w');
  }

  write(stream: StreamName, chunk: Buffer): void {
    if (this.fd === undefined || chunk.length === 0) return;
    const parts: Buffer[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      // A marker starts every line, and a line that continues after the other stream wrote something.
      if (!(this.current === stream && this.lineOpen[stream])) parts.push(marker(stream));
      this.current = stream;
      this.lineOpen[stream] = newline === -1;
      parts.push(chunk.subarray(start, end));
      start = end;
    }
    this.append(Buffer.concat(parts));
  }

  /** Closes the log; an unterminated last line gets its newline, as the daemon's line labeller does. */
  end(): void {
    if (this.fd === undefined) return;
    for (const stream of ['stdout', 'stderr'] as const) if (this.lineOpen[stream]) this.write(stream, Buffer.from('\n'));
    closeSync(this.fd);
    this.fd = undefined;
    this.ended = true;
    this.emit('end');
  }

  private append(data: Buffer): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, data);
    const offset = this.size;
    this.size += data.length;
    this.emit('data', offset, data);
  }
}

/** Splits a marked log into its stdout and stderr text (bytes before the first marker are dropped, like the SDK). */
export function demuxLog(log: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let target: Buffer[] | undefined;
  let segmentStart = 0;
  let i = 0;
  while (i <= log.length - 3) {
    const b = log[i];
    if ((b === 1 || b === 2) && log[i + 1] === b && log[i + 2] === b) {
      if (target) target.push(log.subarray(segmentStart, i));
      target = b === 1 ? out : err;
      i += 3;
      segmentStart = i;
    } else {
      i++;
    }
  }
  if (target) target.push(log.subarray(segmentStart));
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
