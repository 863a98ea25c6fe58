import stripAnsi from 'strip-ansi';
import type { Sandbox } from '../../daytona/port';
import { LogDemuxer } from './demux';

/**
 * The whole log of a session command as the sandbox keeps it (what the Output channel may have skipped in a flood),
 * stdout and stderr interleaved in the order written, without colour codes. The combined `output` carries the
 * stream markers when the toolbox keeps them; without markers it is used as is, and without it stdout then stderr.
 */
export async function fullCommandLog(sandbox: Sandbox, sessionId: string, commandId: string): Promise<string> {
  const logs = await sandbox.process.getSessionCommandLogs(sessionId, commandId);
  const combined = logs.output ?? '';
  if (combined === '') return stripAnsi(`${logs.stdout ?? ''}${logs.stderr ?? ''}`);
  if (!combined.includes('\u0001\u0001\u0001') && !combined.includes('\u0002\u0002\u0002')) return stripAnsi(combined);
  const parts: string[] = [];
  const demux = new LogDemuxer((text) => parts.push(text));
  demux.push(Buffer.from(combined, 'utf8'));
  demux.end();
  return stripAnsi(parts.join(''));
}
