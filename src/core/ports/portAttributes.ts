// What to do with a port the sandbox opened, following VS Code's `remote.portsAttributes` conventions: keys are
// a port ("8080") or a range ("3000-3010"), values carry a label and `onAutoForward`. Forge reads them from the
// `forge.ports` setting first, then from the repository's devcontainer.json. No `vscode`: unit-tested.

/** notify: ask once; openPreview / openBrowser: open it without asking; silent: list it only; ignore: hide it. */
export const AUTO_FORWARD_ACTIONS = ['notify', 'openPreview', 'openBrowser', 'silent', 'ignore'] as const;
export type AutoForward = (typeof AUTO_FORWARD_ACTIONS)[number];

export interface RawPortAttributes {
  readonly label?: unknown;
  readonly onAutoForward?: unknown;
}

export interface PortAttributes {
  readonly label?: string;
  readonly onAutoForward: AutoForward;
}

/** VS Code's `openBrowserOnce` is `openBrowser` here: Forge asks or opens once per port anyway. */
function action(raw: unknown): AutoForward | undefined {
  if (raw === 'openBrowserOnce') return 'openBrowser';
  return typeof raw === 'string' && (AUTO_FORWARD_ACTIONS as readonly string[]).includes(raw) ? (raw as AutoForward) : undefined;
}

function matches(key: string, port: number): boolean {
  const trimmed = key.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) === port;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(trimmed);
  return range !== null && port >= Number(range[1]) && port <= Number(range[2]);
}

/**
 * The attributes of `port`: for each of label and onAutoForward, the first source (in order) with a matching key
 * that sets it; a single port beats a range within one source. Malformed values are skipped. Default: notify.
 */
export function portAttributes(port: number, sources: readonly (Readonly<Record<string, RawPortAttributes>> | undefined)[]): PortAttributes {
  let label: string | undefined;
  let onAutoForward: AutoForward | undefined;
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    const keys = Object.keys(source).filter((k) => matches(k, port)).sort((a, b) => Number(/-/.test(a)) - Number(/-/.test(b)));
    for (const key of keys) {
      const value = source[key];
      if (!value || typeof value !== 'object') continue;
      if (label === undefined && typeof value.label === 'string' && value.label.trim() !== '') label = value.label.trim();
      onAutoForward ??= action(value.onAutoForward);
    }
  }
  return { ...(label !== undefined ? { label } : {}), onAutoForward: onAutoForward ?? 'notify' };
}
