// The Sandboxes view against the embedded local backend, inside a real VS Code: sandboxes made with the real SDK
// in several states show as the right nodes; every action changes the backend's state; a sandbox deleted behind
// Forge's back just disappears. The delete confirmation is answered by stubbing vscode.window.showWarningMessage
// (only that answer is faked: the command, the SDK calls and the backend are real).
import * as assert from 'node:assert/strict';
import type { Sandbox, SandboxClient as Daytona } from '../../src/daytona/port';
import * as vscode from 'vscode';
import type { BackendManager } from '../../src/vscode/backend';
import { CommandIds } from '../../src/vscode/commands/ids';
import type { SandboxesView } from '../../src/vscode/views/registerSandboxesView';
import { stopSandboxesOnExit } from '../../src/vscode/views/stopOnExit';
import type { ForgeTreeNode } from '../../src/vscode/views/treeNode';
import { automationAvailable, screenshot } from './support/automation';
import { activateForge } from './support/forge';

interface Hooks {
  readonly backends: BackendManager;
  readonly sandboxesView: SandboxesView;
}

const RUN = Date.now().toString(36);
const REPO = `t${RUN}/shop`;

async function hooks(): Promise<Hooks> {
  const extension = await activateForge();
  const testing = (extension.exports as { testing?: Partial<Hooks> } | undefined)?.testing;
  if (!testing?.backends || !testing.sandboxesView) {
    throw new Error('Forge exports no testing.backends / testing.sandboxesView: run with FORGE_TEST=1 and pass the view to testingApi() in activate().');
  }
  return testing as Hooks;
}

/** Replaces one vscode.window function for the test; returns the restore function. */
function stubWindow(name: 'showWarningMessage' | 'showErrorMessage' | 'showQuickPick', impl: (...args: unknown[]) => unknown): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = impl;
  assert.equal(window[name], impl, `vscode.window.${name} cannot be replaced in this host`);
  return () => {
    window[name] = original;
  };
}

describe('Sandboxes view (local backend)', function () {
  this.timeout(120_000);
  let forge: Hooks;
  let daytona: Daytona;
  const created: Sandbox[] = [];
  const errors: unknown[][] = [];
  let restoreErrors: () => void = () => undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('forge');

  const createForge = async (branch: string, extra: Record<string, string> = {}): Promise<Sandbox> => {
    const labels = { 'forge.managed': 'true', 'forge.repo': REPO, 'forge.branch': branch, 'forge.port': '5173', ...extra };
    const sandbox = await daytona.create({ labels, language: 'typescript', autoStopInterval: 0 }, { timeout: 60 });
    created.push(sandbox);
    return sandbox;
  };
  const stateOf = async (sandbox: Sandbox): Promise<string | undefined> => (await daytona.get(sandbox.id)).state;
  /** One refresh of the model, then the root nodes as VS Code would ask for them. */
  const rootNodes = async (): Promise<ForgeTreeNode[]> => {
    await forge.sandboxesView.model.refresh();
    return forge.sandboxesView.provider.getChildren();
  };
  const nodeOf = async (sandbox: Sandbox): Promise<ForgeTreeNode | undefined> => (await rootNodes()).find((n) => 'id' in n && n.id === sandbox.id);
  const itemOf = async (sandbox: Sandbox): Promise<vscode.TreeItem> => {
    const node = await nodeOf(sandbox);
    assert.ok(node, `no node for sandbox ${sandbox.id}`);
    return forge.sandboxesView.provider.getTreeItem(node);
  };
  const iconId = (item: vscode.TreeItem): string | undefined => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined);
  const run = async (command: string, ...args: unknown[]): Promise<void> => {
    await vscode.commands.executeCommand(command, ...args);
    assert.deepEqual(errors, [], `${command} showed an error`);
  };

  before(async () => {
    forge = await hooks();
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await config().update('sandboxes.showAll', true, vscode.ConfigurationTarget.Global);
    daytona = (await forge.backends.get()).daytona;
    restoreErrors = stubWindow('showErrorMessage', (...args: unknown[]) => {
      errors.push(args);
      return Promise.resolve(undefined);
    });
    await vscode.commands.executeCommand('workbench.view.extension.forge');
  });

  after(async () => {
    restoreErrors();
    await Promise.allSettled(created.map((s) => s.delete(30)));
    await config().update('sandboxes.showAll', undefined, vscode.ConfigurationTarget.Global);
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(() => {
    errors.length = 0;
  });

  it('shows sandboxes in each state with their labels, icons, descriptions and contextValues', async () => {
    const started = await createForge('started');
    const stopped = await createForge('stopped');
    await stopped.stop(60);
    const archived = await createForge('archived');
    await archived.stop(60);
    await archived.archive();
    const outside = await daytona.create({ name: `outside-${RUN}`, labels: { purpose: 'made outside Forge' }, language: 'typescript', autoStopInterval: 0 }, { timeout: 60 });
    created.push(outside);

    // Label: the repository; description: the state in words, then the branch (each sandbox's branch is named after its state).
    const expectations: [Sandbox, string, string, string, string][] = [
      [started, REPO, 'vm-running', 'forge.sandbox.started.forge.port.remote', 'running · started'],
      [stopped, REPO, 'vm-outline', 'forge.sandbox.stopped.forge.port.remote', 'stopped · stopped'],
      [archived, REPO, 'archive', 'forge.sandbox.archived.forge.port.remote', 'archived · archived'],
      [outside, `outside-${RUN}`, 'vm-running', 'forge.sandbox.started', 'running'],
    ];
    for (const [sandbox, label, icon, contextValue, description] of expectations) {
      const item = await itemOf(sandbox);
      assert.equal(item.label, label);
      assert.equal(iconId(item), icon, `icon of ${label}`);
      assert.equal(item.contextValue, contextValue, `contextValue of ${label}`);
      assert.equal(item.id, sandbox.id);
      assert.equal(String(item.description), description, `description of ${label}`);
      assert.match((item.tooltip as vscode.MarkdownString).value, new RegExp(`ID: \`${sandbox.id}\``));
    }

    // A started Forge sandbox has its preview port and dev server below it; the others have no children.
    const startedNode = await nodeOf(started);
    assert.ok(startedNode);
    assert.equal(forge.sandboxesView.provider.getTreeItem(startedNode).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = (await forge.sandboxesView.provider.getChildren(startedNode)).map((c) => forge.sandboxesView.provider.getTreeItem(c));
    assert.deepEqual(children.map((c) => [c.label, c.contextValue]), [['Port 5173', 'forge.port'], ['Dev server', 'forge.devServer.remote']]);
    const outsideNode = await nodeOf(outside);
    assert.ok(outsideNode);
    assert.deepEqual(await forge.sandboxesView.provider.getChildren(outsideNode), []);
    assert.match(forge.sandboxesView.treeView.description ?? '', /^\d+ running$/);

    // Only Forge's sandboxes unless forge.sandboxes.showAll.
    await config().update('sandboxes.showAll', false, vscode.ConfigurationTarget.Global);
    assert.equal(await nodeOf(outside), undefined);
    assert.ok(await nodeOf(started));
    await config().update('sandboxes.showAll', true, vscode.ConfigurationTarget.Global);

    if (automationAvailable()) {
      await forge.sandboxesView.treeView.reveal(await nodeOf(started), { expand: true, select: false, focus: false });
      const file = await screenshot('sandboxes-view');
      console.log(`[sandboxes] screenshot ${file}`);
    }
  });

  it('drops a sandbox deleted behind Forge\'s back, without an error, on refresh and on an action', async () => {
    const doomed = await createForge('doomed');
    const alsoDoomed = await createForge('also-doomed');
    assert.ok(await nodeOf(doomed));
    const staleNode = await nodeOf(alsoDoomed);
    await (await daytona.get(doomed.id)).delete(30);
    await (await daytona.get(alsoDoomed.id)).delete(30);

    await run(CommandIds.refreshSandboxes);
    assert.equal(forge.sandboxesView.model.state().kind, 'loaded');
    assert.equal(forge.sandboxesView.model.find(doomed.id), undefined);

    // The user clicks Stop on a node that is already gone: quietly nothing, and the node goes away.
    await run(CommandIds.stopSandbox, staleNode, [staleNode]);
    assert.equal(await nodeOf(alsoDoomed), undefined);
  });

  it('starts, stops and archives through the commands, and redraws the nodes', async () => {
    const sandbox = await createForge('lifecycle');
    await run(CommandIds.stopSandbox, await nodeOf(sandbox));
    assert.equal(await stateOf(sandbox), 'stopped');
    assert.equal(iconId(await itemOf(sandbox)), 'vm-outline');

    await run(CommandIds.startSandbox, await nodeOf(sandbox));
    assert.equal(await stateOf(sandbox), 'started');
    assert.equal((await itemOf(sandbox)).contextValue, 'forge.sandbox.started.forge.port.remote');

    await run(CommandIds.archiveSandbox, await nodeOf(sandbox));
    assert.equal(await stateOf(sandbox), 'archived');
    assert.equal(iconId(await itemOf(sandbox)), 'archive');
  });

  it('stops a multi-selection in one command', async () => {
    const a = await createForge('multi-a');
    const b = await createForge('multi-b');
    const nodeA = await nodeOf(a);
    const nodeB = await nodeOf(b);
    await run(CommandIds.stopSandbox, nodeA, [nodeA, nodeB]);
    assert.deepEqual([await stateOf(a), await stateOf(b)], ['stopped', 'stopped']);
  });

  it('deletes only after the modal confirmation, and deletes a whole selection', async () => {
    const a = await createForge('delete-a');
    const b = await createForge('delete-b');
    const asked: { message: unknown; options: unknown; items: vscode.MessageItem[] }[] = [];
    let answer: string | undefined;
    const restore = stubWindow('showWarningMessage', (message: unknown, options: unknown, ...items: unknown[]) => {
      asked.push({ message, options, items: items as vscode.MessageItem[] });
      return Promise.resolve((items as vscode.MessageItem[]).find((i) => i.title === answer));
    });
    try {
      answer = undefined; // the user closes the dialog
      await run(CommandIds.deleteSandbox, await nodeOf(a));
      assert.equal(await stateOf(a), 'started');
      // Enter takes the dialog's first button: never Delete. The sandbox is named once, by its label, not its raw id.
      const single = asked.at(-1);
      assert.deepEqual(single?.items.map((i) => i.title), ['Keep It', 'Delete']);
      const said = `${String(single?.message)}\n${(single?.options as vscode.MessageOptions).detail ?? ''}`;
      assert.ok(said.split(a.id).length - 1 <= 1, `the id appears more than once: ${said}`);

      answer = 'Delete';
      const nodeA = await nodeOf(a);
      const nodeB = await nodeOf(b);
      await run(CommandIds.deleteSandbox, nodeB, [nodeA, nodeB]);
    } finally {
      restore();
    }
    const last = asked.at(-1);
    assert.equal(last?.message, 'Delete 2 sandboxes?');
    const options = last?.options as vscode.MessageOptions;
    assert.equal(options.modal, true);
    assert.deepEqual(last?.items.map((i) => i.title), ['Keep Them', 'Delete']);
    assert.match(options.detail ?? '', new RegExp(`${REPO} · delete-a[\\s\\S]*${REPO} · delete-b[\\s\\S]*lost`));
    assert.equal(await nodeOf(a), undefined);
    assert.equal(await nodeOf(b), undefined);
    await assert.rejects(daytona.get(a.id), /not found/i);
  });

  it('asks for an API key (empty tree, welcome view) when the backend is Daytona and no key is set', async () => {
    // The key falls back to DAYTONA_API_KEY (src/vscode/apiKeyStore.ts): hide it so the test runs everywhere.
    const envKey = process.env['DAYTONA_API_KEY'];
    delete process.env['DAYTONA_API_KEY'];
    await config().update('backend', 'daytona', vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual(await rootNodes(), []);
      assert.equal(forge.sandboxesView.model.state().kind, 'no-api-key');
      if (automationAvailable()) console.log(`[sandboxes] screenshot ${await screenshot('sandboxes-welcome-no-key')}`);
    } finally {
      if (envKey !== undefined) process.env['DAYTONA_API_KEY'] = envKey;
      await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    }
    assert.equal((await rootNodes()).length > 0, true);
  });

  it('asks with a quick pick of the sandboxes in the right state when run from the palette', async () => {
    const running = await createForge('palette-running');
    const stopped = await createForge('palette-stopped');
    await stopped.stop(60);
    await forge.sandboxesView.model.refresh();
    let offered: string[] = [];
    const restore = stubWindow('showQuickPick', (items: unknown) => {
      const list = items as { label: string; detail: string }[];
      offered = list.map((i) => i.detail);
      return Promise.resolve(list.filter((i) => i.detail === stopped.id));
    });
    try {
      await run(CommandIds.startSandbox);
    } finally {
      restore();
    }
    assert.ok(offered.includes(stopped.id), 'the stopped sandbox is offered');
    assert.ok(!offered.includes(running.id), 'a running sandbox is not offered for Start');
    assert.equal(await stateOf(stopped), 'started');
  });

  it('copies a signed preview link for the port (no preview open in this window)', async () => {
    const sandbox = await createForge('link');
    const node = await nodeOf(sandbox);
    assert.ok(node);
    const [portNode] = await forge.sandboxesView.provider.getChildren(node);
    await run(CommandIds.copyLink, portNode);
    const fromPort = await vscode.env.clipboard.readText();
    await run(CommandIds.copyLink, node);
    const fromSandbox = await vscode.env.clipboard.readText();
    for (const link of [fromPort, fromSandbox]) {
      const url = new URL(link);
      assert.equal(url.hostname, '127.0.0.1', link);
      assert.ok(!link.includes(sandbox.id), 'a signed link carries a token instead of the sandbox id');
    }
    // The proxy accepts the token and forwards to the sandbox's port 5173, where nothing listens: 502, not 401/404.
    for (const link of [fromPort, fromSandbox]) {
      const response = await fetch(link, { signal: AbortSignal.timeout(10_000) });
      assert.equal(response.status, 502, `${response.status} ${await response.text()}`);
    }
  });

  it('stops this workspace\'s sandboxes that should stop when VS Code closes, and only those', async () => {
    const current = await createForge('exit-current');
    const labelled = await createForge('exit-labelled', { 'forge.stopOnClose': 'true' });
    const kept = await createForge('exit-kept');
    await forge.sandboxesView.model.refresh();
    const quiet = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    // The registry is the one fake here: a preview of `current` running in this window.
    const deps = { backends: forge.backends, registry: { current: () => ({ sandboxId: current.id }) }, model: forge.sandboxesView.model, logger: quiet };

    await config().update('stopOnExit', false, vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual(await stopSandboxesOnExit(deps), []);
    } finally {
      await config().update('stopOnExit', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(await stateOf(current), 'started');

    const started = Date.now();
    assert.deepEqual((await stopSandboxesOnExit(deps)).sort(), [current.id, labelled.id].sort());
    assert.ok(Date.now() - started < 5000, 'the cost guard must fit in deactivate()');
    assert.deepEqual([await stateOf(current), await stateOf(labelled), await stateOf(kept)], ['stopped', 'stopped', 'started']);
  });
});
