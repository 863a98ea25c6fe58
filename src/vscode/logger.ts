import * as vscode from 'vscode';
import type { Logger } from '../core/types';

/** The "Forge" log channel. Created first in activate() so everything after it can log. */
export function createLogger(context: vscode.ExtensionContext): Logger & { readonly channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Forge', { log: true });
  context.subscriptions.push(channel);
  return {
    channel,
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
