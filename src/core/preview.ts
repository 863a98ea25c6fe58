import { pullCredentials, type CredentialsPolicyInput } from './gitCredentials';
import type { Sandbox, SandboxClient } from '../daytona/port';
import type { ForgeSandboxKey } from '../daytona/labels';
import { followCommandLogs } from './logs/follow';
import type { LogStream } from './logs/lineBatcher';
import * as path from 'node:path';
import { quote } from 'shell-quote';
import type { DetectedApp } from './types';
import type { Logger } from '../common/logger';
import { installDependencies, runInstall } from './pipeline/installStep';
import { previewStatus } from './previewRequest';
import { homeRelative } from './sandboxExec';
import { sandboxHome } from './sandboxHome';
import { pullBranch } from './pullBranch';
import { previewHostEnv } from './detect/previewAllowances';
import { startDevServer, type DevServerHandle } from './pipeline/devServerStep';
import { waitUntilReady } from './pipeline/readyStep';
import type { LogTail } from './logs/tail';
import { commandRunning } from './quietToolbox';

/** What Forge remembers about a preview (workspace state, CLI output). Plain data, no secrets. */
export interface PreviewInfo {
  readonly sandboxId: string;
  readonly backend: 'daytona' | 'local';
  readonly key: ForgeSandboxKey;
  readonly folder: string;
  readonly repoPath: string;
  readonly app: DetectedApp;
  readonly port: number;
  readonly devServer: DevServerHandle;
}

export interface SignedUrl {
  readonly url: string;
  readonly token: string;
  readonly expiresAt: number;
}

export interface Health {
  readonly sandboxState: string;
  readonly devServerRunning: boolean;
  readonly httpStatus?: number;
  readonly responseMs?: number;
}

/** A running preview: its sandbox, dev server and URLs. Survives a reload through `PreviewInfo`. */
export class Preview {
  private delivered: { commandId: string; counts: Record<LogStream, number> } = { commandId: '', counts: { stdout: 0, stderr: 0 } };

  constructor(
    readonly daytona: SandboxClient,
    readonly sandbox: Sandbox,
    private current: PreviewInfo,
    private readonly logger: Logger,
  ) {}

  get info(): PreviewInfo {
    return this.current;
  }

  /** Finds the sandbox of a remembered preview again; throws DaytonaNotFoundError when it is gone. */
  static async reconnect(daytona: SandboxClient, info: PreviewInfo, logger: Logger): Promise<Preview> {
    return new Preview(daytona, await daytona.get(info.sandboxId), info, logger);
  }

  /** A URL that opens the preview without headers (works in an iframe), valid for `seconds`. */
  async signedUrl(seconds = 3600): Promise<SignedUrl> {
    const signed = await this.sandbox.getSignedPreviewUrl(this.current.port, seconds);
    if (this.current.backend === 'local') await acceptLocalWarning(signed.url);
    return { url: signed.url, token: signed.token, expiresAt: Date.now() + seconds * 1000 };
  }

  async revokeSignedUrl(token: string): Promise<void> {
    await this.sandbox.expireSignedPreviewUrl(this.current.port, token);
  }

  /** Streams the dev server's output until it exits or `signal` aborts; reconnects when the stream drops. */
  followLogs(sink: (text: string, stream: LogStream) => void, signal: AbortSignal): Promise<void> {
    const { sessionId, commandId } = this.current.devServer;
    return followCommandLogs(this.sandbox, sessionId, commandId, sink, { logger: this.logger, signal, delivered: this.deliveredFor(commandId) });
  }

  /**
   * How much of the dev server's output this Preview has handed out: a second follow (the caller's, after the
   * setup's own) continues where the first stopped instead of replaying the log from its start.
   */
  private deliveredFor(commandId: string): Record<LogStream, number> {
    if (this.delivered.commandId !== commandId) this.delivered = { commandId, counts: { stdout: 0, stderr: 0 } };
    return this.delivered.counts;
  }

  /** Restarts the dev server in place (same sandbox, same code). */
  async restartDevServer(env: Readonly<Record<string, string>>, useCacheVolume: boolean): Promise<void> {
    // The Next.js wrapper config written at setup stays in the sandbox; the Vite allowance travels in the environment.
    const link = await this.sandbox.getPreviewLink(this.current.port);
    const devServer = await startDevServer(this.sandbox, this.current.repoPath, this.current.app, { ...previewHostEnv(link.url), ...env }, useCacheVolume);
    this.current = { ...this.current, devServer };
  }

  /**
   * Pulls the latest commit of the sandbox's branch, reinstalls when the lockfile changed, and restarts the dev
   * server. Returns whether anything changed.
   */
  async pullLatest(options: { credentials: CredentialsPolicyInput; env: Readonly<Record<string, string>>; useCacheVolume: boolean; installTimeoutSeconds: number; signal: AbortSignal; onLog: (text: string, stream: LogStream) => void }): Promise<{ updated: boolean; reinstalled: boolean }> {
    const repo = quote([homeRelative(this.current.repoPath)]);
    const lockfile = this.current.app.lockfile;
    const fingerprint = async (): Promise<string> => {
      const result = await this.sandbox.process.executeCommand(`git -C ${repo} rev-parse HEAD && ${lockfile ? `cat ${quote([`${homeRelative(this.current.repoPath)}/${lockfile}`])} | cksum` : 'true'}`, undefined, undefined, 30);
      return result.result;
    };
    const before = await fingerprint();
    // The dev server has run repository code here: the policy checks where the pull would really go.
    const credentials = await pullCredentials(options.credentials, this.sandbox, this.current.repoPath, undefined, true);
    await pullBranch(this.sandbox, this.current.repoPath, credentials, this.current.key.branch === 'detached' ? undefined : this.current.key.branch);
    const after = await fingerprint();
    const [headBefore, lockBefore] = before.split('\n');
    const [headAfter, lockAfter] = after.split('\n');
    const reinstall = lockBefore !== lockAfter;
    if (reinstall) {
      await runInstall({
        sandbox: this.sandbox,
        app: this.current.app,
        installDir: path.posix.join(this.current.repoPath, this.current.app.installPath),
        timeoutSeconds: options.installTimeoutSeconds,
        useCacheVolume: options.useCacheVolume,
        buildBeforePreview: false,
        signal: options.signal,
        logger: this.logger,
        onLog: options.onLog,
      });
    }
    await this.restartDevServer(options.env, options.useCacheVolume);
    return { updated: headBefore !== headAfter, reinstalled: reinstall };
  }

  /**
   * A package manifest or lockfile changed in the synced working tree (already uploaded): installs again and restarts
   * the dev server. Nothing happens when the install inputs are unchanged (say, package.json saved as it was).
   */
  async reinstallAndRestart(options: { localRoot: string; env: Readonly<Record<string, string>>; useCacheVolume: boolean; installTimeoutSeconds: number; signal: AbortSignal; onLog: (text: string, stream: LogStream) => void }): Promise<{ reinstalled: boolean }> {
    const install = await installDependencies({
      sandbox: this.sandbox,
      app: this.current.app,
      localRoot: options.localRoot,
      repoPath: this.current.repoPath,
      home: await sandboxHome(this.sandbox),
      timeoutSeconds: options.installTimeoutSeconds,
      useCacheVolume: options.useCacheVolume,
      buildBeforePreview: false,
      signal: options.signal,
      logger: this.logger,
      onLog: options.onLog,
    });
    if (install.skipped) return { reinstalled: false };
    await this.restartDevServer(options.env, options.useCacheVolume);
    return { reinstalled: true };
  }

  /**
   * Polls the preview the way the ready step does until the current dev server answers; fails early when it
   * exits, and at the deadline. What every action that replaces the dev server waits for before `ready`.
   */
  async waitUntilAnswering(options: { timeoutSeconds: number; signal: AbortSignal; tail: Pick<LogTail, 'last'> }): Promise<void> {
    await waitUntilReady({ sandbox: this.sandbox, port: this.current.port, devServer: this.current.devServer, timeoutSeconds: options.timeoutSeconds, tail: options.tail, signal: options.signal });
  }

  async health(): Promise<Health> {
    await this.sandbox.refreshData();
    const sandboxState = this.sandbox.state ?? 'unknown';
    if (sandboxState !== 'started') return { sandboxState, devServerRunning: false };
    const { sessionId, commandId } = this.current.devServer;
    const devServerRunning = await commandRunning(this.sandbox, sessionId, commandId);
    const link = await this.sandbox.getPreviewLink(this.current.port);
    const started = Date.now();
    const httpStatus = await previewStatus(link.url, link.token);
    return httpStatus === undefined ? { sandboxState, devServerRunning } : { sandboxState, devServerRunning, httpStatus, responseMs: Date.now() - started };
  }
}

/**
 * Daytona's preview warning protects people who open a stranger's shared link. A local-backend preview is the
 * user's own machine, so Forge accepts the warning for its signed address up front and the panel shows the app.
 * (On Daytona's cloud the interstitial shows once in the panel and the user continues through it.)
 */
async function acceptLocalWarning(signedUrl: string): Promise<void> {
  try {
    // The signed URL's query carries its token, which the listener wants on this request too.
    const accept = new URL(signedUrl);
    accept.pathname = '/accept-daytona-preview-warning';
    const response = await fetch(accept, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
  } catch {
    // The panel then shows the interstitial, which the user can click through.
  }
}
