import * as vscode from 'vscode';
import type { Logger } from '../common/logger';

export interface ForgeLogger extends Logger {
  readonly channel: vscode.LogOutputChannel;
  /** The last lines logged (bounded), for "Copy diagnostics"-style views and the secret-leak checks of the tests. */
  recent(): readonly string[];
}

const RECENT_LINES = 1000;

/** The "Forge" log channel. Created first in activate() so everything after it can log. */
export function createLogger(context: vscode.ExtensionContext): ForgeLogger {
  const channel = vscode.window.createOutputChannel('Forge', { log: true });
  context.subscriptions.push(channel);
  const lines: string[] = [];
  const keep = (level: string, message: string): void => {
    lines.push(`${level} ${message}`);
    if (lines.length > RECENT_LINES) lines.splice(0, lines.length - RECENT_LINES);
  };
  return {
    channel,
    recent: () => [...lines],
    trace: (m) => channel.trace(m),
    debug: (m) => (keep('debug', m), channel.debug(m)),
    info: (m) => (keep('info', m), channel.info(m)),
    warn: (m) => (keep('warn', m), channel.warn(m)),
    error: (m) => (keep('error', m instanceof Error ? (m.stack ?? m.message) : m), channel.error(m)),
  };
}
