// Attacks from a workspace's own settings (issue 13, finding 2): a repository's .vscode/settings.json points the
// Daytona key, the GitHub token, the env file or the data directory somewhere it chose. VS Code ignores a
// workspace's value of a `restrictedConfigurations` setting in Restricted Mode and of a `machine` setting always;
// these cases read the manifest VS Code enforces.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';

interface Manifest {
  readonly capabilities: { readonly untrustedWorkspaces: { readonly restrictedConfigurations?: readonly string[] } };
  readonly contributes: { readonly configuration: readonly { readonly properties: Record<string, { readonly scope?: string }> }[] };
}

const manifest = (): Manifest => JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

/** Settings that steer a secret (key, token), a host, a local path, or a command. */
const STEERING = ['forge.daytona.apiUrl', 'forge.githubHost', 'forge.sandbox.envFile', 'forge.local.dataDir', 'forge.devCommand', 'forge.sync.includeIgnored', 'forge.sandbox.envVars', 'forge.backend', 'forge.sandbox.public', 'forge.buildBeforePreview'];

function attack(name: string, run: () => void): Case<Lane> {
  return { suite: 'attacks', name, run: () => Promise.resolve(run()) };
}

export function workspaceAttackCases(): Case<Lane>[] {
  return [
    attack("an untrusted repository's settings steer the key, token, env file, data dir or commands", () => {
      const restricted = new Set(manifest().capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
      assert.deepEqual(STEERING.filter((key) => !restricted.has(key)), [], 'settings a Restricted Mode workspace may still set');
    }),
    attack("a trusted repository's settings send the Daytona key to its own API URL or move the data directory", () => {
      // The settings are contributed in sections (General, Daytona, Local backend …).
      const properties = new Map(manifest().contributes.configuration.flatMap((section) => Object.entries(section.properties)));
      for (const key of ['forge.daytona.apiUrl', 'forge.local.dataDir']) assert.equal(properties.get(key)?.scope, 'machine', `${key} must be machine-scoped`);
    }),
  ];
}
