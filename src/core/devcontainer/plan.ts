import { quote } from 'shell-quote';
import type { LifecycleCommand, ParsedDevcontainer } from './parse';

/** What Forge takes from devcontainer.json, after the user's settings have had their say. */
export interface DevcontainerPlan {
  readonly file: string;
  /** The preview port, when settings name none. */
  readonly port?: number;
  /** Sandbox environment (containerEnv, then remoteEnv), without the keys settings already set. */
  readonly env: Readonly<Record<string, string>>;
  readonly postCreateCommand?: string;
  readonly postStartCommand?: string;
  /** The sandbox image, when the sandbox class takes one. */
  readonly image?: string;
  /** One line per thing taken or passed over, for the Output channel / CLI log. */
  readonly notes: readonly string[];
}

/** The settings that win over devcontainer.json. */
export interface PlanSettings {
  readonly port?: number;
  readonly envVars: Readonly<Record<string, string>>;
  /** False for the small class, which uses Daytona's default snapshot and takes no image. */
  readonly imageAllowed: boolean;
}

const PREVIEW_ACTIONS = new Set(['openPreview', 'openBrowser', 'openBrowserOnce']);

export function planDevcontainer(parsed: ParsedDevcontainer, settings: PlanSettings): DevcontainerPlan {
  const { config, file } = parsed;
  const notes: string[] = [];
  const ignored = [...parsed.ignored];
  const port = previewPort(parsed, notes);
  if (port !== undefined && settings.port !== undefined) notes.push(`${file}: port ${port} not used, forge.port (${settings.port}) wins`);
  const env = sandboxEnv(parsed, settings, notes, ignored);
  const postCreateCommand = config.postCreateCommand ? commandLine(config.postCreateCommand) : undefined;
  const postStartCommand = config.postStartCommand ? commandLine(config.postStartCommand) : undefined;
  if (postCreateCommand) notes.push(`${file}: postCreateCommand runs once, before the install: ${postCreateCommand}`);
  if (postStartCommand) notes.push(`${file}: postStartCommand runs each time the sandbox starts: ${postStartCommand}`);
  let image: string | undefined;
  if (config.image && settings.imageAllowed) {
    image = config.image;
    notes.push(`${file}: sandbox image ${image}`);
  } else if (config.image) {
    notes.push(`${file}: image ${config.image} not used: the small sandbox class runs Daytona's default snapshot (set forge.sandboxClass to medium, large or custom to use it)`);
  }
  if (ignored.length > 0) notes.push(`${file}: ignoring keys Forge does not use: ${ignored.join(', ')}`);
  return {
    file,
    ...(port !== undefined && settings.port === undefined ? { port } : {}),
    env,
    ...(postCreateCommand ? { postCreateCommand } : {}),
    ...(postStartCommand ? { postStartCommand } : {}),
    ...(image ? { image } : {}),
    notes,
  };
}

/** The first forwarded port marked to open a preview or browser, else the first one; appPort after forwardPorts. */
function previewPort(parsed: ParsedDevcontainer, notes: string[]): number | undefined {
  const { config, file } = parsed;
  const candidates = [...(config.forwardPorts ?? []), ...(config.appPort ?? [])].map(containerPort).filter((p): p is number => p !== undefined);
  const attributes = config.portsAttributes ?? {};
  const marked = candidates.find((p) => PREVIEW_ACTIONS.has(attributes[String(p)]?.onAutoForward ?? ''));
  const port = marked ?? candidates[0];
  if (port === undefined) return undefined;
  const label = attributes[String(port)]?.label;
  const from = config.forwardPorts?.some((p) => containerPort(p) === port) ? 'forwardPorts' : 'appPort';
  notes.push(`${file}: preview port ${port} (${from}${marked !== undefined ? `, onAutoForward ${attributes[String(port)]?.onAutoForward ?? ''}` : ''}${label ? `, label "${label}"` : ''})`);
  return port;
}

/** `3000`, `"3000"`, `"localhost:3000"`; `"8000:8010"` (appPort host:container) is 8010; another host's port is not ours. */
function containerPort(raw: number | string): number | undefined {
  const text = String(raw).trim();
  const match = /^(?:(localhost|127\.0\.0\.1|\d+):)?(\d+)$/.exec(text);
  if (!match?.[2]) return undefined;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

function sandboxEnv(parsed: ParsedDevcontainer, settings: PlanSettings, notes: string[], ignored: string[]): Record<string, string> {
  const { config, file } = parsed;
  const env: Record<string, string> = {};
  const taken: string[] = [];
  const overridden: string[] = [];
  for (const [source, values] of [['containerEnv', config.containerEnv], ['remoteEnv', config.remoteEnv]] as const) {
    for (const [key, value] of Object.entries(values ?? {})) {
      // `${localEnv:X}` / `${containerEnv:X}` need the Dev Containers CLI's substitution, which Forge does not do.
      if (value.includes('${')) {
        ignored.push(`${source}.${key}`);
        continue;
      }
      if (key in settings.envVars) {
        overridden.push(key);
        continue;
      }
      env[key] = value;
      if (!taken.includes(key)) taken.push(key);
    }
  }
  if (taken.length > 0) notes.push(`${file}: sandbox environment ${taken.join(', ')} (containerEnv/remoteEnv)`);
  if (overridden.length > 0) notes.push(`${file}: ${overridden.join(', ')} not taken, forge.sandbox.envVars / the env file win`);
  return env;
}

/** One shell line: a string as is, an argv array quoted, named commands run in parallel (as Dev Containers do). */
export function commandLine(command: LifecycleCommand): string {
  if (typeof command === 'string') return command;
  if (isArgv(command)) return quote([...command]);
  const parts = Object.values(command).map((c) => (typeof c === 'string' ? c : quote([...c])));
  if (parts.length === 1) return parts[0] ?? '';
  // Every one runs; the line fails if any of them did.
  return `${parts.map((p, i) => `(${p}) & p${i}=$!;`).join(' ')} ${parts.map((_, i) => `wait $p${i}`).join(' && ')}`;
}

function isArgv(command: LifecycleCommand): command is readonly string[] {
  return Array.isArray(command);
}
