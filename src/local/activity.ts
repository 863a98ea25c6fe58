// Daytona's proxy refreshes a sandbox's last activity when a toolbox or preview request opens and every 50 s
// while it stays open (a WebSocket, a long download), unless the request says
// `X-Daytona-Skip-Last-Activity-Update: true` (apps/proxy/pkg/proxy/get_sandbox_target.go, v0.190).
import type { IncomingMessage } from 'node:http';

export const SKIP_ACTIVITY_HEADER = 'x-daytona-skip-last-activity-update';
/** Daytona's poll interval (`pollInterval := 50 * time.Second`). */
export const ACTIVITY_POLL_MS = 50_000;

/** Something that says when the connection ends: a response (`close`) or an upgraded socket. */
interface Closes {
  once(event: 'close', listener: () => void): unknown;
}

/** Touches now and every `pollMs` until `connection` closes; nothing when the request asks to skip. */
export function keepActivity(req: IncomingMessage, connection: Closes, touch: () => void, pollMs: number): void {
  if (req.headers[SKIP_ACTIVITY_HEADER] === 'true') return;
  touch();
  const timer = setInterval(touch, pollMs);
  timer.unref();
  connection.once('close', () => clearInterval(timer));
}
