// What happens to a live preview after it was set up: restart, pull and restart, the sandbox stopped, started
// again or deleted. Each action that replaces the dev server goes through the core's `untilReady`, so the
// preview is `ready` (and the panel reloads) only once the new dev server answers.
import * as vscode from 'vscode';
import { untilReady } from '../../core/preview/untilReady';
import { ForgeError } from '../../common/errors';
import type { BackendManager } from '../backend';
import type { PreviewSettings } from '../../core/pipeline/settings';
import { readPreviewSettings } from '../config';
import type { LoadEngine } from '../engineLoader';
import { githubToken } from '../githubAuth';
import type { PreviewEntry } from './previewEntry';

export class PreviewLifecycle {
  constructor(
    private readonly backends: BackendManager,
    private readonly loadEngine: LoadEngine,
  ) {}

  /** Restarts a preview's dev server in place and follows its new output; resolves once it answers. */
  async restart(entry: PreviewEntry, why = 'Restarting the dev server'): Promise<void> {
    const settings = await this.settingsOf(entry);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Forge: ${why.toLowerCase()}` }, () =>
      this.replaceDevServer(entry, { type: 'restart', detail: why }, settings, () => entry.preview.restartDevServer(settings.envVars, Boolean(settings.cacheVolume)), 'restarting the dev server'),
    );
  }

  /** The sandbox was started again (tree, palette): its dev server is gone with the old processes, so start it. */
  async started(entry: PreviewEntry): Promise<void> {
    const settings = await this.settingsOf(entry);
    await this.replaceDevServer(entry, { type: 'start', detail: 'Starting the dev server again' }, settings, () => entry.preview.restartDevServer(settings.envVars, Boolean(settings.cacheVolume)), 'starting the dev server');
  }

  /** `git pull` in the sandbox, reinstall when the lockfile changed, restart; ready once the new server answers. */
  async pullAndRestart(entry: PreviewEntry): Promise<{ updated: boolean; reinstalled: boolean }> {
    if (!hasRemote(entry)) {
      throw new ForgeError('internal', `${entry.title} is a local folder without a remote: there is nothing to pull.`, {
        hint: 'Your saved edits reach the sandbox by sync on save; use "Forge: Resync Preview with the Editor" to send them all again.',
      });
    }
    const settings = await this.settingsOf(entry);
    // The core's credentials policy decides what the pull may carry (host check, the sandbox's remote and rewrites).
    const credentials = { githubHost: settings.githubHost, githubToken: (interactive: boolean) => githubToken(interactive, settings.githubHost) };
    let result = { updated: false, reinstalled: false };
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge: pulling the latest commit', cancellable: true }, (_progress, cancel) => {
      const abort = new AbortController();
      cancel.onCancellationRequested(() => abort.abort());
      return this.replaceDevServer(entry, { type: 'restart', detail: 'Pulling the latest commit' }, settings, async () => {
        result = await entry.preview.pullLatest({
          credentials,
          env: settings.envVars,
          useCacheVolume: Boolean(settings.cacheVolume),
          installTimeoutSeconds: settings.installTimeoutSeconds,
          signal: abort.signal,
          onLog: (text) => entry.log.append(text),
        });
      }, 'pulling the latest commit', abort.signal);
    });
    return result;
  }

  /** Waits (in the background of an action that already replaced the dev server) until the preview answers. */
  async restarted(entry: PreviewEntry, why: string): Promise<void> {
    const settings = await this.settingsOf(entry);
    await this.replaceDevServer(entry, { type: 'restart', detail: why }, settings, () => Promise.resolve(), why.toLowerCase());
  }

  private async replaceDevServer(
    entry: PreviewEntry,
    begin: { readonly type: 'restart' | 'start'; readonly detail: string },
    settings: PreviewSettings,
    work: () => Promise<void>,
    doing: string,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<void> {
    entry.log.note(`${begin.detail}`);
    // The old dev server's end is expected here; its log stream must not report "stopped" in the middle.
    entry.stopFollowing();
    const { port, app } = entry.preview.info;
    await untilReady(entry.machine, begin, {
      work: async () => {
        await this.mapErrors(doing, work);
        entry.followLogs(entry.preview);
      },
      waitForAnswer: () => this.mapErrors(doing, () => entry.preview.waitUntilAnswering({ timeoutSeconds: settings.readyTimeoutSeconds, signal, tail: entry.tail })),
      readyDetail: `${app.framework?.name ?? 'Node'} on port ${port}`,
    });
    entry.log.note(`The dev server answers on port ${port}.`);
  }

  private settingsOf(entry: PreviewEntry): Promise<PreviewSettings> {
    return readPreviewSettings(vscode.Uri.parse(entry.folderKey));
  }

  /** SDK errors become messages a user can act on (a deleted sandbox, a bad key, a quota …). */
  private async mapErrors<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.loadEngine().toForgeError(error, doing, (await this.backends.get()).displayName);
    }
  }
}

/** A folder without a remote is remembered as `local:<name>`: nothing to pull. */
export function hasRemote(entry: Pick<PreviewEntry, 'preview'>): boolean {
  return !entry.preview.info.key.repo.startsWith('local:');
}

