// What one sandbox node shows: label, description, icon, contextValue, tooltip markdown. Plain data, no
// `vscode`, so the mapping is unit-tested and the tree-refresh bench can build nodes outside VS Code.
import { LABEL_PORT, LABEL_REF } from '../../core/sandboxLabels';
import type { SandboxSummary } from '../../core/connect';
import { formatAgo, formatAutoStop } from './age';
import { autoStopText } from './autoStop';
import { hasRemote } from './actionRules';
import { categorize, stateIcon, stateText, type IconSpec } from './sandboxState';

export interface SandboxFacts {
  /** The sandbox is the preview of this window's workspace. */
  readonly isCurrent: boolean;
  /** Epoch milliseconds, for ages. */
  readonly now: number;
  /** The state in words of this window's preview of the sandbox ("running", "restarting"), when it has one. */
  readonly previewWords?: string;
  /** A visible preview panel keeps the sandbox awake (no auto-stop countdown runs). */
  readonly watched?: boolean;
}

export interface SandboxPresentation {
  readonly label: string;
  readonly description: string;
  readonly icon: IconSpec;
  readonly contextValue: string;
  readonly tooltip: string;
  /** The dev server's port from the `forge.port` label, if any. */
  readonly port?: number;
  /** Children (port, dev server) are shown for a started Forge sandbox. */
  readonly hasChildren: boolean;
}

export const CURRENT_MARKER = 'this workspace';

export function presentSandbox(sandbox: SandboxSummary, facts: SandboxFacts): SandboxPresentation {
  const port = previewPort(sandbox.labels);
  // What fits at the default width: the ref (branch / pull request previews), the state in words, then the branch;
  // the rest is in the tooltip.
  const ref = refText(sandbox.labels);
  const countdown = autoStopText(sandbox, facts.now, facts.watched ?? false);
  const description = [ref, stateWords(sandbox, facts), sandbox.isForge && !ref ? sandbox.branch : undefined, countdown, facts.isCurrent ? CURRENT_MARKER : undefined].filter(Boolean).join(' · ');
  return {
    label: sandbox.isForge && sandbox.repo ? repoDisplayName(sandbox.repo) : sandbox.name,
    description,
    icon: stateIcon(sandbox.state),
    contextValue: sandboxContextValue(sandbox, facts.isCurrent),
    tooltip: sandboxTooltip(sandbox, facts),
    ...(port !== undefined ? { port } : {}),
    hasChildren: sandbox.isForge && categorize(sandbox.state) === 'started',
  };
}

/** The sandbox's state in words: its preview's state while this window has one, else the backend's ("running"). */
export function stateWords(sandbox: Pick<SandboxSummary, 'state'>, facts: Pick<SandboxFacts, 'previewWords'>): string {
  if (sandbox.state === 'started') return facts.previewWords ?? 'running';
  return stateText(sandbox.state);
}

/** `acme/shop · main` for Forge's sandboxes (messages, quick picks); the sandbox name otherwise. */
export function sandboxLabel(sandbox: SandboxSummary): string {
  if (!sandbox.isForge || !sandbox.repo || !sandbox.branch) return sandbox.name;
  return `${repoDisplayName(sandbox.repo)} · ${sandbox.branch}`;
}

/** What a branch / pull request preview runs (`pull request #7`, `branch feature-x`); undefined for a working tree. */
export function refText(labels: Readonly<Record<string, string>>): string | undefined {
  const ref = labels[LABEL_REF];
  if (!ref) return undefined;
  const pull = /^pull\/(\d+)$/.exec(ref);
  if (pull) return `pull request #${pull[1] ?? ''}`;
  return /^[0-9a-f]{7,40}$/.test(ref) ? `commit ${ref.slice(0, 7)}` : `branch ${ref}`;
}

/** `local:my-app-1x2y3z` (a folder without a remote) reads as `my-app (local folder)`. */
export function repoDisplayName(repo: string): string {
  if (!repo.startsWith('local:')) return repo;
  const folder = repo.slice('local:'.length).replace(/-[0-9a-z]+$/, '');
  return `${folder || 'folder'} (local folder)`;
}

/**
 * `forge.sandbox.<category>[.forge][.port][.current][.remote]`, matched in menus with e.g.
 * `viewItem =~ /^forge\.sandbox\.started\.forge/`. The order of the facts is fixed so regexes stay simple.
 */
export function sandboxContextValue(sandbox: SandboxSummary, isCurrent: boolean): string {
  const parts = ['forge.sandbox', categorize(sandbox.state)];
  if (sandbox.isForge) parts.push('forge');
  if (previewPort(sandbox.labels) !== undefined) parts.push('port');
  if (isCurrent) parts.push('current');
  if (sandbox.isForge && hasRemote(sandbox)) parts.push('remote');
  return parts.join('.');
}

export function previewPort(labels: Readonly<Record<string, string>>): number | undefined {
  const raw = labels[LABEL_PORT];
  if (raw === undefined || !/^\d{1,5}$/.test(raw)) return undefined;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : undefined;
}

export function sandboxTooltip(sandbox: SandboxSummary, facts: SandboxFacts): string {
  const lines = [`**${escapeMarkdown(sandboxLabel(sandbox))}**${facts.isCurrent ? ` — ${CURRENT_MARKER}` : ''}`];
  if (sandbox.isForge && sandbox.name !== sandbox.id) lines.push(`Name: ${escapeMarkdown(sandbox.name)}`);
  lines.push(`ID: \`${sandbox.id.replace(/`/g, '')}\``);
  if (sandbox.isForge && sandbox.branch) lines.push(`Branch: ${escapeMarkdown(sandbox.branch)}`);
  lines.push(`State: ${escapeMarkdown(stateWords(sandbox, facts))}${facts.previewWords && sandbox.state === 'started' ? ' (preview)' : ''}${sandbox.errorReason ? ` — ${escapeMarkdown(sandbox.errorReason)}` : ''}`);
  const times = [formatAgo('created', sandbox.createdAt, facts.now), formatAgo('last active', sandbox.lastActivityAt, facts.now)].filter(Boolean);
  if (times.length > 0) lines.push(capitalize(times.join(', ')));
  lines.push(`${sandbox.cpu} CPU · ${sandbox.memory} GiB memory · ${sandbox.disk} GiB disk`);
  const access = sandbox.public ? 'Public preview (anyone with the link)' : 'Private preview (signed links only)';
  lines.push([access, formatAutoStop(sandbox.autoStopInterval)].filter(Boolean).join(' · '));
  const port = previewPort(sandbox.labels);
  if (port !== undefined) lines.push(`Dev server port: ${port}`);
  if (!sandbox.isForge) lines.push('_Not created by Forge._');
  // Two trailing spaces make a Markdown line break inside one paragraph.
  return lines.join('  \n');
}

export function runningCount(sandboxes: readonly SandboxSummary[]): number {
  return sandboxes.filter((s) => s.state === 'started').length;
}

/** The view's description: "2 running", or nothing. */
export function runningDescription(sandboxes: readonly SandboxSummary[]): string {
  const running = runningCount(sandboxes);
  return running > 0 ? `${running} running` : '';
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
