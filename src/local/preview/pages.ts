// Small answers of the preview proxy itself: an HTML page for browsers, the Daytona JSON error for tools.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { apiErrorBody } from '../http/errors';

export function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A page with a title and one sentence; never includes tokens or the request's query. */
export function sendProxyError(req: IncomingMessage, res: ServerResponse, statusCode: number, message: string): void {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const title = `${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}`;
  const body = wantsHtml(req)
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;color:#222}' +
      'h1{font-size:1.4rem}p{line-height:1.5}</style></head>' +
      `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><small>Forge local preview</small></p></body></html>`
    : JSON.stringify(apiErrorBody(path, statusCode, message));
  res.writeHead(statusCode, {
    'content-type': wantsHtml(req) ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** A redirect with an empty body (Daytona answers an expired signed URL with a 307 to its login page). */
export function sendRedirect(req: IncomingMessage, res: ServerResponse, statusCode: number, location: string): void {
  req.resume();
  res.writeHead(statusCode, { location, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

/** The same refusal on a socket that asked for a WebSocket upgrade. */
export function rejectUpgrade(socket: Duplex, statusCode: number, message: string): void {
  const body = JSON.stringify({ statusCode, message });
  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
