// One preview's life after its setup, without VS Code: the state machine every surface reads, the dev server's
// log follow, restart / start again / pull and restart (each `ready` only once the new dev server answers), the
// health probe, the close policy and the credentials policy for pulls. The VS Code layer (PreviewEntry, progress
// notifications) and the CLI (stderr, signals) adapt it; the output goes to injected sinks.
import type { Health, Preview, PreviewInfo } from '../preview';
import { PreviewStateMachine, type PreviewEvent } from '../preview/previewState';
import { untilReady } from '../preview/untilReady';
import type { PreviewSettings } from '../pipeline/settings';
import type { CredentialsPolicyInput } from '../gitCredentials';
import type { Logger } from '../../common/logger';
import { ForgeError } from '../../common/errors';
import { backendDisplayName, withSandboxErrors } from './sessionErrors';
import { closeSandbox, type CloseAction, type CloseResult } from './closePolicy';
import type { RePreviewMemo } from './memo';
import type { SandboxAction } from '../connect';

/** Where a session's output goes: the dev server's own lines, and Forge's notes among them. */
export interface SessionOutput {
  append(text: string): void;
  note(text: string): void;
  /** The last lines received, for the diagnosis when the dev server does not answer. */
  recent(): readonly string[];
}

export interface SessionDeps {
  readonly output: SessionOutput;
  readonly logger: Logger;
  /** The preview's settings, read when an action needs them (the user may have changed them). */
  readonly settings: () => Promise<PreviewSettings>;
  /** The GitHub token for `githubHost`; `interactive` may prompt. Only the credentials policy calls it. */
  readonly githubToken: (interactive: boolean, githubHost: string) => Promise<string | undefined>;
}

type Begin = Extract<PreviewEvent, { type: 'restart' | 'start' }>;

export class PreviewSession {
  private readonly listeners = new Set<() => void>();
  /** The one state the panel, the status bar, the tree and the health check read. */
  readonly machine = new PreviewStateMachine(() => {
    for (const listener of this.listeners) listener();
  });
  private following: AbortController | undefined;
  /** Whether the dev server's log should be followed (it runs), and whether anyone watches it (see setWatched). */
  private wanted = false;
  private watched = true;
  /** A restart waits for the new dev server: its log is followed meanwhile (the diagnosis reads its last lines). */
  private replacing = false;
  private memo: RePreviewMemo | undefined;
  /** The dev server's last log lines, for the diagnosis when it does not answer. */
  readonly tail = { last: (n?: number): string[] => this.deps.output.recent().slice(-(n ?? 30)) };

  constructor(
    private current: Preview,
    private readonly deps: SessionDeps,
  ) {}

  get preview(): Preview {
    return this.current;
  }

  get info(): PreviewInfo {
    return this.current.info;
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The preview was set up again; returns the one it replaces. Another sandbox forgets what the old one saw. */
  attach(preview: Preview): Preview {
    const old = this.current;
    this.current = preview;
    if (preview.info.sandboxId !== old.info.sandboxId) this.memo = undefined;
    return old;
  }

  /** What the last full setup saw (the re-preview fast path compares against it). */
  remember(memo: RePreviewMemo | undefined): void {
    this.memo = memo;
  }

  remembered(): RePreviewMemo | undefined {
    return this.memo;
  }

  /**
   * Streams the dev server's output to the output sink until it exits (then `exited`) or following stops. While
   * nobody watches (setWatched(false)) the stream stays closed and opens when someone watches again.
   */
  followLogs(): void {
    this.stopFollowing();
    this.wanted = true;
    if (this.watched || this.replacing) this.openFollow();
  }

  stopFollowing(): void {
    this.wanted = false;
    this.pauseFollowing();
  }

  /**
   * Whether someone watches the log (its Output channel or the preview panel is visible). On Daytona's cloud an open
   * log stream without the skip header (the SDK's own, the fallback) refreshes the sandbox's activity every 50 s, so
   * auto-stop would never fire while it stays open: without watchers it closes (a restart's wait still follows). Following again resumes after what was shown: the server replays the whole log and the
   * Preview skips what it already delivered, so the lines printed meanwhile arrive once and nothing twice.
   */
  setWatched(watched: boolean): void {
    if (watched === this.watched) return;
    this.watched = watched;
    if (!watched && !this.replacing) this.pauseFollowing();
    else if (this.wanted && !this.following) this.openFollow();
  }

  /** Whether a log stream is open now (tests, diagnosis). */
  get followingLogs(): boolean {
    return this.following !== undefined;
  }

  private openFollow(): void {
    const following = new AbortController();
    this.following = following;
    void this.current.followLogs((text) => this.deps.output.append(text), following.signal).then(() => {
      if (following.signal.aborted) return;
      this.wanted = false;
      this.following = undefined;
      this.deps.output.note('The dev server has stopped.');
      this.machine.apply({ type: 'exited', reason: 'the dev server exited (its last lines are in its log)' });
    });
  }

  private pauseFollowing(): void {
    this.following?.abort();
    this.following = undefined;
  }

  health(): Promise<Health> {
    return this.current.health();
  }

  /**
   * A preview remembered from before a reload was found again: a running dev server is followed and is `ready` once
   * it answers (it may still be coming up); otherwise the preview is `stopped`, saying why.
   */
  async resume(): Promise<void> {
    const health = await this.current.health().catch(() => undefined);
    if (health?.devServerRunning) {
      this.followLogs();
      void this.restarted('Reconnecting to the dev server').catch((error: unknown) => this.deps.logger.warn(`Reconnecting to ${titleOf(this.current.info)}: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    const reason = health ? (health.sandboxState === 'started' ? 'the dev server is not running' : `the sandbox is ${health.sandboxState}`) : 'the sandbox could not be reached';
    this.machine.apply({ type: 'stopped', reason });
  }

  /** Restarts the dev server in place (same sandbox, same code); resolves once the new one answers. */
  async restart(why = 'Restarting the dev server'): Promise<void> {
    const settings = await this.deps.settings();
    await this.replaceDevServer({ type: 'restart', detail: why }, settings, () => this.current.restartDevServer(settings.envVars, Boolean(settings.cacheVolume)), 'restarting the dev server');
  }

  /** The sandbox was started again: its dev server ended with the old processes, so start it. */
  async started(): Promise<void> {
    const settings = await this.deps.settings();
    await this.replaceDevServer({ type: 'start', detail: 'Starting the dev server again' }, settings, () => this.current.restartDevServer(settings.envVars, Boolean(settings.cacheVolume)), 'starting the dev server');
  }

  /** Something else replaced the dev server (a reinstall, a reconnect after a reload): ready once it answers. */
  async restarted(why: string): Promise<void> {
    await this.replaceDevServer({ type: 'restart', detail: why }, await this.deps.settings(), () => Promise.resolve(), why.toLowerCase());
  }

  /** `git pull` in the sandbox, reinstall when the lockfile changed, restart; ready once the new server answers. */
  async pullAndRestart(signal: AbortSignal): Promise<{ updated: boolean; reinstalled: boolean }> {
    if (!hasRemote(this.current.info)) {
      throw new ForgeError('internal', `${titleOf(this.current.info)} is a local folder without a remote: there is nothing to pull.`, {
        hint: 'Your saved edits reach the sandbox by sync on save; use "Forge: Resync Preview with the Editor" to send them all again.',
      });
    }
    const settings = await this.deps.settings();
    // The sandbox is then ahead of the working tree: the next "Preview this repo" must set it up again.
    this.memo = undefined;
    let result = { updated: false, reinstalled: false };
    const work = async (): Promise<void> => {
      result = await this.current.pullLatest({
        credentials: this.credentials(settings),
        env: settings.envVars,
        useCacheVolume: Boolean(settings.cacheVolume),
        installTimeoutSeconds: settings.installTimeoutSeconds,
        signal,
        onLog: (text) => this.deps.output.append(text),
      });
    };
    await this.replaceDevServer({ type: 'restart', detail: 'Pulling the latest commit' }, settings, work, 'pulling the latest commit', signal);
    return result;
  }

  /** The credentials policy's input for this preview: the token goes only to the configured GitHub host. */
  credentials(settings: Pick<PreviewSettings, 'githubHost'>): CredentialsPolicyInput {
    return { githubHost: settings.githubHost, githubToken: (interactive) => this.deps.githubToken(interactive, settings.githubHost) };
  }

  /** The preview ends (panel closed, CLI exit): keep, stop or delete its sandbox, and move the state along. */
  async close(action: CloseAction, stoppedReason = 'the sandbox was stopped when its preview closed'): Promise<CloseResult> {
    if (action === 'keep') return 'kept';
    this.stopFollowing();
    const result = await closeSandbox(this.current.sandbox, action);
    if (result === 'deleted') this.machine.apply({ type: 'deleted' });
    else if (result === 'stopped') this.machine.apply({ type: 'stopped', reason: stoppedReason });
    return result;
  }

  /**
   * A lifecycle action on the sandbox succeeded (tree, palette): move the state along. A started sandbox needs
   * its dev server started again (its processes ended with the stop). Returns whether the sandbox is gone.
   */
  async sandboxChanged(action: SandboxAction | 'gone'): Promise<boolean> {
    if (action === 'start' || action === 'recover') {
      await this.started();
      return false;
    }
    this.stopFollowing();
    if (action === 'stop') {
      this.machine.apply({ type: 'stopped', reason: 'the sandbox was stopped' });
      return false;
    }
    this.machine.apply({ type: 'deleted' });
    return true;
  }

  /** Maps a sandbox action's failure to a message a user can act on (the one mapping adapters use too). */
  mapErrors<T>(doing: string, work: () => Promise<T>): Promise<T> {
    return withSandboxErrors(doing, backendDisplayName(this.current.info.backend), work);
  }

  dispose(): void {
    this.stopFollowing();
    this.listeners.clear();
  }

  private async replaceDevServer(begin: Begin, settings: PreviewSettings, work: () => Promise<void>, doing: string, signal: AbortSignal = new AbortController().signal): Promise<void> {
    this.deps.output.note(begin.detail);
    // The old dev server's end is expected here; its log stream must not report "stopped" in the middle.
    this.stopFollowing();
    const { port } = this.current.info;
    this.replacing = true;
    try {
      await this.untilReplaced(begin, settings, work, doing, signal);
    } finally {
      this.replacing = false;
      if (!this.watched) this.pauseFollowing();
    }
    this.deps.output.note(`The dev server answers on port ${port}.`);
  }

  private async untilReplaced(begin: Begin, settings: PreviewSettings, work: () => Promise<void>, doing: string, signal: AbortSignal): Promise<void> {
    const { app } = this.current.info;
    await untilReady(this.machine, begin, {
      work: async () => {
        await this.mapErrors(doing, work);
        this.followLogs();
      },
      waitForAnswer: () => this.mapErrors(doing, () => this.current.waitUntilAnswering({ timeoutSeconds: settings.readyTimeoutSeconds, signal, tail: this.tail })),
      readyDetail: `${app.framework?.name ?? 'Node'} on port ${this.current.info.port}`,
    });
  }
}

/** A folder without a remote is remembered as `local:<name>`: nothing to pull. */
export function hasRemote(info: Pick<PreviewInfo, 'key'>): boolean {
  return !info.key.repo.startsWith('local:');
}

/** e.g. "acme/shop · main". */
export function titleOf(info: Pick<PreviewInfo, 'key'>): string {
  return `${info.key.repo.replace(/^local:/, '')} · ${info.key.branch}`;
}
