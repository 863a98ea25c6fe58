import * as assert from 'node:assert/strict';
import {
  escapeMarkdown,
  presentSandbox,
  previewPort,
  repoDisplayName,
  runningDescription,
  sandboxContextValue,
  sandboxLabel,
} from '../../../../src/vscode/views/sandboxPresentation';
import { forgeSandbox, foreignSandbox } from './sandboxFixtures';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

describe('sandbox presentation', () => {
  it('labels Forge sandboxes "repo · branch" and others by name', () => {
    assert.equal(sandboxLabel(forgeSandbox({ repo: 'acme/shop', branch: 'feat/cart' })), 'acme/shop · feat/cart');
    assert.equal(sandboxLabel(foreignSandbox({ name: 'scratchpad' })), 'scratchpad');
    // Forge-managed but without key labels (an older Forge): fall back to the name.
    const { repo: _r, branch: _b, ...bare } = forgeSandbox({ name: 'forge-old' });
    assert.equal(sandboxLabel(bare), 'forge-old');
  });

  it('shows a folder without a remote by its name', () => {
    assert.equal(repoDisplayName('local:my-app-1x2y3z'), 'my-app (local folder)');
    assert.equal(repoDisplayName('acme/shop'), 'acme/shop');
  });

  it('encodes state and facts in contextValue, in a fixed order', () => {
    assert.equal(sandboxContextValue(forgeSandbox({ state: 'started' }), true), 'forge.sandbox.started.forge.port.current.remote');
    assert.equal(sandboxContextValue(forgeSandbox({ state: 'stopped' }), false), 'forge.sandbox.stopped.forge.port.remote');
    assert.equal(sandboxContextValue(forgeSandbox({ state: 'started', repo: 'local:my-app-1x2y3z' }), false), 'forge.sandbox.started.forge.port');
    assert.equal(sandboxContextValue(forgeSandbox({ state: 'archiving', labels: { 'forge.managed': 'true' } }), false), 'forge.sandbox.transitional.forge.remote');
    assert.equal(sandboxContextValue(foreignSandbox({ state: 'error' }), false), 'forge.sandbox.error');
  });

  it('reads the preview port label and ignores junk', () => {
    assert.equal(previewPort({ 'forge.port': '3000' }), 3000);
    assert.equal(previewPort({ 'forge.port': '0' }), undefined);
    assert.equal(previewPort({ 'forge.port': '70000' }), undefined);
    assert.equal(previewPort({ 'forge.port': '30a' }), undefined);
    assert.equal(previewPort({}), undefined);
  });

  it('describes a running Forge sandbox of this workspace', () => {
    const p = presentSandbox(forgeSandbox({ state: 'started', createdAt: '2026-01-01T09:00:00.000Z' }), { isCurrent: true, now: NOW });
    assert.equal(p.label, 'acme/shop');
    assert.equal(p.description, 'running · main · this workspace');
    assert.deepEqual(p.icon, { id: 'vm-running', color: 'charts.green' });
    assert.equal(p.port, 5173);
    assert.equal(p.hasChildren, true);
  });

  it('says the state of this window\'s preview in words, and the backend\'s state otherwise', () => {
    assert.equal(presentSandbox(forgeSandbox({ state: 'started' }), { isCurrent: false, now: NOW, previewWords: 'restarting' }).description, 'restarting · main');
    assert.equal(presentSandbox(forgeSandbox({ state: 'stopped' }), { isCurrent: false, now: NOW, previewWords: 'stopped' }).description, 'stopped · main');
    assert.equal(presentSandbox(forgeSandbox({ state: 'pulling_snapshot' }), { isCurrent: false, now: NOW }).description, 'pulling snapshot · main');
    assert.match(presentSandbox(forgeSandbox({ state: 'started' }), { isCurrent: false, now: NOW, previewWords: 'restarting' }).tooltip, /State: restarting \(preview\)/);
  });

  it('gives no children to stopped or foreign sandboxes', () => {
    assert.equal(presentSandbox(forgeSandbox({ state: 'stopped' }), { isCurrent: false, now: NOW }).hasChildren, false);
    assert.equal(presentSandbox(foreignSandbox({ state: 'started' }), { isCurrent: false, now: NOW }).hasChildren, false);
  });

  it('writes a tooltip with id, state, age, resources, access and auto-stop', () => {
    const sandbox = forgeSandbox({ id: 'abc-123', state: 'error', errorReason: 'disk full', cpu: 2, memory: 4, disk: 10, public: false, autoStopInterval: 30 });
    const tooltip = presentSandbox(sandbox, { isCurrent: false, now: NOW }).tooltip;
    assert.match(tooltip, /ID: `abc-123`/);
    assert.match(tooltip, /State: error — disk full/);
    assert.match(tooltip, /Created 3 h ago/);
    assert.match(tooltip, /2 CPU · 4 GiB memory · 10 GiB disk/);
    assert.match(tooltip, /Private preview/);
    assert.match(tooltip, /auto-stop after 30 min idle/);
    assert.match(presentSandbox(foreignSandbox(), { isCurrent: false, now: NOW }).tooltip, /Not created by Forge/);
  });

  it('escapes Markdown in names that come from the backend', () => {
    assert.equal(escapeMarkdown('[x](javascript:alert)'), '\\[x\\]\\(javascript:alert\\)');
    const tooltip = presentSandbox(foreignSandbox({ name: '**bold** <img>' }), { isCurrent: false, now: NOW }).tooltip;
    assert.ok(!tooltip.includes('<img>'), tooltip);
  });

  it('counts running sandboxes for the view description', () => {
    assert.equal(runningDescription([forgeSandbox({ state: 'started' }), forgeSandbox({ state: 'stopped' }), foreignSandbox({ state: 'started' })]), '2 running');
    assert.equal(runningDescription([forgeSandbox({ state: 'stopped' })]), '');
  });
});
