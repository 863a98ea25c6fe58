// The messages between the preview panel (extension side) and its webview script (media/preview.ts), shared by
// both sides. No `vscode` or Node at run time (the one value import, the state names, is plain data). The webview is untrusted
// input for the extension (a hostile page could post anything), so everything it sends goes through
// `parseWebviewMessage`, which accepts exactly the shapes below and nothing else.
import { PREVIEW_STATE_KINDS } from '../../core/preview/previewState';
import type { PreviewPhase, SyncPhase } from './types';
import { parseShareRequest, parseSharesMessage, type ShareRequest, type SharesMessage } from './panelTools/shareMessages';

/** Extension → webview. */
export type PanelMessage =
  /** Identity of the panel; the script stores `sandboxId` as the webview state the serializer restores from. */
  | {
      readonly type: 'init';
      readonly sandboxId: string;
      readonly folderKey: string;
      readonly title: string;
      /** The device and address history the serializer restored (validated again by the page). */
      readonly restore?: { readonly device?: unknown; readonly history?: unknown };
    }
  /**
   * Load `url` (a signed URL: it holds the token) in the frame. `display` is the same address with the token
   * hidden, for the toolbar; `expiresAt` is epoch milliseconds.
   */
  | { readonly type: 'show'; readonly url: string; readonly display: string; readonly expiresAt: number }
  | { readonly type: 'status'; readonly phase: PreviewPhase; readonly words: string; readonly message?: string; readonly sync: SyncPhase }
  /** Reload the frame (the Reload button, or the dev server came back). */
  | { readonly type: 'reload' }
  /** A notice in the toolbar, e.g. "Link copied". */
  | { readonly type: 'notice'; readonly text: string }
  | SharesMessage;

/** Webview → extension. */
export type WebviewMessage =
  /** The script is listening: send it what it must show. */
  | { readonly type: 'ready' }
  | { readonly type: 'openInBrowser' }
  | { readonly type: 'copyLink' }
  | { readonly type: 'openTerminal' }
  /** The user pressed Reload (the script has already reloaded the frame). */
  | { readonly type: 'reloaded' }
  | ShareRequest
  /** "Start and reload" on the stopped page: start the sandbox; the panel reloads once the preview answers. */
  | { readonly type: 'startAndReload' }
  /** "Reload preview" on the expired-link page: a new link if the shown one is due, else the frame again. */
  | { readonly type: 'renewLink' };

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set<WebviewMessage['type']>(['ready', 'openInBrowser', 'copyLink', 'openTerminal', 'reloaded', 'startAndReload', 'renewLink']);

/**
 * The message if `value` is exactly one of `WebviewMessage` (a plain object whose only key is a known `type`),
 * else undefined. Extra keys are refused too: nothing the webview sends is trusted to carry data.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const share = parseShareRequest(value as Record<string, unknown>, keys);
  if (share) return share;
  if (keys.length !== 1 || keys[0] !== 'type') return undefined;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !WEBVIEW_MESSAGE_TYPES.has(type)) return undefined;
  return { type } as WebviewMessage;
}

const PHASES: ReadonlySet<string> = new Set<PreviewPhase>(PREVIEW_STATE_KINDS);
const SYNC_PHASES: ReadonlySet<string> = new Set<SyncPhase>(['synced', 'syncing', 'out-of-sync', 'off']);

/** The webview's check of what the extension sends (cheap insurance against version skew after an update). */
export function parsePanelMessage(value: unknown): PanelMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const isString = (key: string): boolean => typeof m[key] === 'string';
  switch (m['type']) {
    case 'init':
      return isString('sandboxId') && isString('folderKey') && isString('title') && (m['restore'] === undefined || (typeof m['restore'] === 'object' && m['restore'] !== null)) ? (m as PanelMessage) : undefined;
    case 'show':
      return isString('url') && isHttpUrl(m['url'] as string) && isString('display') && typeof m['expiresAt'] === 'number' ? (m as PanelMessage) : undefined;
    case 'status':
      return typeof m['phase'] === 'string' && PHASES.has(m['phase']) && isString('words') && typeof m['sync'] === 'string' && SYNC_PHASES.has(m['sync']) && (m['message'] === undefined || isString('message'))
        ? (m as PanelMessage)
        : undefined;
    case 'reload':
      return { type: 'reload' };
    case 'notice':
      return isString('text') ? (m as PanelMessage) : undefined;
    case 'shares':
      return parseSharesMessage(m);
    default:
      return undefined;
  }
}

/** Only http(s) may reach the frame: a `javascript:` or `data:` URL there would run in the webview's context. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
