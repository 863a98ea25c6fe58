// The suites' side of test/host/webviewActions.ts: act on a webview's DOM, read it, read the app frame inside it.
import { TestEnv } from './env';

export interface ElementProps {
  readonly value: string;
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly hidden: boolean;
  readonly text: string;
  readonly disabled: boolean;
  /** The attribute asked for, or null. */
  readonly attribute: string | null;
}

export function webviewAct(selector: string, action: 'click' | 'fill' | 'select' | 'press', value = ''): Promise<unknown> {
  return call('webview-act', { selector, action, value });
}

export function webviewQuery(selector: string, attribute?: string): Promise<ElementProps> {
  return call<ElementProps>('webview-query', { selector, ...(attribute ? { attribute } : {}) });
}

/** What the app in the preview's frame sees: its viewport and its URL. */
export function appFrame(): Promise<{ readonly width: number; readonly height: number; readonly href: string }> {
  return call('app-frame', {});
}

export async function webviewElementScreenshot(selector: string, name: string): Promise<string> {
  return (await call<{ path: string }>('webview-element-screenshot', { selector, name })).path;
}

export function keyboard(keys: { readonly type?: string; readonly press?: string }): Promise<unknown> {
  return call('keyboard', { ...keys });
}

async function call<T>(endpoint: string, body: Record<string, string>): Promise<T> {
  const base = process.env[TestEnv.automationUrl];
  if (!base) throw new Error(`${TestEnv.automationUrl} is not set: this host has no UI automation.`);
  const response = await fetch(`${base}/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(40_000) });
  const payload = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`automation ${endpoint} failed: ${payload.error ?? response.statusText}`);
  return payload;
}
