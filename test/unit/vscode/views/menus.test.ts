import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxSummary } from '../../../../src/daytona/sandboxes';
import { CommandIds } from '../../../../src/vscode/commands/ids';
import { ActionRules, type ActionRule } from '../../../../src/vscode/views/actionRules';
import { sandboxContextValue } from '../../../../src/vscode/views/sandboxPresentation';
import { forgeSandbox, foreignSandbox } from './sandboxFixtures';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuEntry[]>; viewsWelcome: { view: string; contents: string; when?: string }[] };
};
const itemMenu = manifest.contributes.menus['view/item/context'] ?? [];

/** The rule each sandbox command follows in the palette's quick pick. */
const RULE_OF: Record<string, ActionRule> = {
  [CommandIds.startSandbox]: 'start',
  [CommandIds.stopSandbox]: 'stop',
  [CommandIds.archiveSandbox]: 'archive',
  [CommandIds.recoverSandbox]: 'recover',
  [CommandIds.deleteSandbox]: 'delete',
  [CommandIds.openPreview]: 'preview',
  [CommandIds.showDevServerLogs]: 'preview',
  [CommandIds.restartDevServer]: 'preview',
  [CommandIds.pullAndRestart]: 'pull',
  [CommandIds.copyLink]: 'link',
  [CommandIds.openInBrowser]: 'link',
  [CommandIds.openTerminal]: 'terminal',
};

function shownFor(command: string, contextValue: string): boolean {
  return itemMenu.some((entry) => {
    if (entry.command !== command) return false;
    const match = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(entry.when ?? '');
    return match?.[1] !== undefined && new RegExp(match[1]).test(contextValue);
  });
}

const STATES = ['started', 'stopped', 'archived', 'starting', 'stopping', 'archiving', 'destroying', 'error', 'paused', 'unknown'];
const samples: SandboxSummary[] = STATES.flatMap((state) => [
  forgeSandbox({ state }),
  forgeSandbox({ state, labels: { 'forge.managed': 'true' } }),
  forgeSandbox({ state, repo: 'local:my-app-1x2y3z' }),
  foreignSandbox({ state }),
]);

describe('Sandboxes view menus (package.json)', () => {
  it('show each sandbox action exactly where the palette offers it', () => {
    for (const [command, rule] of Object.entries(RULE_OF)) {
      for (const sandbox of samples) {
        for (const isCurrent of [false, true]) {
          const contextValue = sandboxContextValue(sandbox, isCurrent);
          assert.equal(shownFor(command, contextValue), ActionRules[rule](sandbox), `${command} on ${contextValue}`);
        }
      }
    }
  });

  it('scope every item menu to the Sandboxes view and name contributed commands', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const menu of ['view/item/context', 'view/title']) {
      for (const entry of manifest.contributes.menus[menu] ?? []) {
        assert.ok(contributed.has(entry.command), `${menu}: ${entry.command} is not a contributed command`);
        assert.match(entry.when ?? '', /^view == forge\.sandboxes\b/, `${menu}: ${entry.command}`);
      }
    }
  });

  it('give the port and dev-server nodes their actions', () => {
    assert.ok(shownFor(CommandIds.openPreview, 'forge.port') === false, 'port node menus use viewItem ==, not a regex');
    const on = (value: string): string[] => itemMenu.filter((e) => e.when?.includes(`viewItem == ${value}`)).map((e) => e.command);
    assert.deepEqual([...new Set(on('forge.port'))].sort(), [CommandIds.copyLink, CommandIds.openInBrowser, CommandIds.openPreview].sort());
    // The dev-server node of a repository with a remote offers Pull; a local folder's does not.
    const onDevServer = (value: string): string[] =>
      itemMenu.filter((e) => e.when?.endsWith(`viewItem == ${value}`) || (/viewItem =~ \/(.+?)\/$/.exec(e.when ?? '')?.[1] !== undefined && new RegExp(/viewItem =~ \/(.+?)\/$/.exec(e.when ?? '')?.[1] ?? '').test(value))).map((e) => e.command);
    assert.deepEqual([...new Set(onDevServer('forge.devServer.remote'))].sort(), [CommandIds.pullAndRestart, CommandIds.restartDevServer, CommandIds.showDevServerLogs].sort());
    assert.deepEqual([...new Set(onDevServer('forge.devServer'))].sort(), [CommandIds.restartDevServer, CommandIds.showDevServerLogs].sort());
  });

  it('welcome the user without a key and without sandboxes', () => {
    const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === 'forge.sandboxes');
    const noKey = welcome.find((w) => w.when?.includes('!forge.hasApiKey'));
    assert.ok(noKey, 'no welcome for the missing API key');
    assert.match(noKey.contents, /\(command:forge\.apiKey\.set\)/);
    assert.match(noKey.contents, /\(command:forge\.backend\.useLocal\)/);
    assert.match(noKey.contents, /\(https:\/\//);
    const empty = welcome.find((w) => w.when === 'forge.sandboxes.empty');
    assert.match(empty?.contents ?? '', /\(command:forge\.preview\)/);
  });
});
