// package.json against the code: every command is registered under one id (and back), menus and welcome
// views point at things that exist, when clauses name real views, settings and context keys, and every
// setting documents itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../src/vscode/commands/ids';
import type { registerCommands as registerCommandsType } from '../../src/vscode/commands/commandTable';
import { installVscodeStub } from './support/vscodeStub';

const root = path.resolve(__dirname, '..', '..');

interface Manifest {
  readonly icon?: string;
  readonly activationEvents?: readonly string[];
  readonly contributes: {
    readonly commands: readonly { command: string; title?: string; category?: string; icon?: unknown }[];
    readonly menus?: Readonly<Record<string, readonly { command?: string; alt?: string; submenu?: string; when?: string }[]>>;
    readonly keybindings?: readonly { command: string; when?: string }[];
    readonly views?: Readonly<Record<string, readonly { id: string; when?: string; icon?: string }[]>>;
    readonly viewsContainers?: Readonly<Record<string, readonly { id: string; icon: string }[]>>;
    readonly viewsWelcome?: readonly { view: string; contents: string; when?: string }[];
    /** Sections (General, Dev server, …), each with its settings. */
    readonly configuration?: readonly { readonly title: string; readonly properties: Readonly<Record<string, SettingSchema>> }[];
  };
}

interface SettingSchema {
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly markdownEnumDescriptions?: readonly string[];
  readonly order?: number;
  readonly type?: string | readonly string[];
  readonly pattern?: string;
  readonly format?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly enumDescriptions?: readonly string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const commandIds = new Set(manifest.contributes.commands.map((c) => c.command));
const viewIds = new Set(Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((v) => v.id)));
const settings: Readonly<Record<string, SettingSchema>> = Object.fromEntries((manifest.contributes.configuration ?? []).flatMap((section) => Object.entries(section.properties)));

/** Every string literal in src/: context keys and tree item contextValues must be set somewhere in the code. */
const sourceLiterals = ((): Set<string> => {
  const literals = new Set<string>();
  const files = fs.readdirSync(path.join(root, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, 'src', file), 'utf8');
    for (const match of text.matchAll(/(['"`])([\w.-]+)\1/g)) if (match[2]) literals.add(match[2]);
  }
  return literals;
})();

/** The source files under src/, relative to the root, with their text. */
function sourceFiles(): { file: string; text: string }[] {
  return fs.readdirSync(path.join(root, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: path.posix.join('src', f.split(path.sep).join('/')), text: fs.readFileSync(path.join(root, 'src', f), 'utf8') }));
}

/** The ids the command table registers, read by running registerCommands against a stub of the vscode module. */
function tableRegistrations(): string[] {
  const stub = installVscodeStub();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the stub is in place
    const { registerCommands } = require('../../src/vscode/commands/commandTable') as { registerCommands: typeof registerCommandsType };
    registerCommands({ subscriptions: [] }, {} as never);
    return stub.registered;
  } finally {
    stub.restore();
  }
}

/** All when clauses of the manifest, with where they come from. */
function whenClauses(): { where: string; when: string }[] {
  const c = manifest.contributes;
  return [
    ...Object.entries(c.menus ?? {}).flatMap(([menu, items]) => items.map((i) => ({ where: `menus.${menu} ${i.command ?? i.submenu}`, when: i.when }))),
    ...(c.keybindings ?? []).map((k) => ({ where: `keybinding ${k.command}`, when: k.when })),
    ...Object.values(c.views ?? {}).flatMap((views) => views.map((v) => ({ where: `view ${v.id}`, when: v.when }))),
    ...(c.viewsWelcome ?? []).map((w) => ({ where: `viewsWelcome ${w.view}`, when: w.when })),
  ].filter((entry): entry is { where: string; when: string } => typeof entry.when === 'string');
}

/** What a when clause refers to that the manifest or the code must define (regular expressions are skipped). */
function problemsIn(when: string): string[] {
  const problems: string[] = [];
  const withoutRegexes = when.replace(/=~\s*\/(?:\\.|[^/\\])*\/[a-z]*/g, '=~ REGEX');
  for (const [, key, operator, value] of withoutRegexes.matchAll(/!?([\w.]+)\s*(==|!=|=~|>=|<=|>|<| in | not in )?\s*('[^']*'|[\w.-]+)?/g)) {
    if (!key) continue;
    const bare = value?.replace(/^'|'$/g, '');
    if (operator && bare && ['view', 'focusedView'].includes(key) && bare.startsWith('forge.') && !viewIds.has(bare)) problems.push(`no view "${bare}"`);
    if (operator && bare && key === 'viewItem' && operator.trim() !== '=~' && !sourceLiterals.has(bare)) problems.push(`no tree item sets contextValue "${bare}"`);
    if (key.startsWith('config.forge.') && !(key.slice('config.'.length) in settings)) problems.push(`no setting "${key.slice('config.'.length)}"`);
    if (key.startsWith('forge.') && !sourceLiterals.has(key)) problems.push(`context key "${key}" is never set in src/`);
  }
  return problems;
}

describe('package.json manifest', () => {
  it('contributes exactly the commands in CommandIds', () => {
    const registered = new Set<string>(Object.values(CommandIds));
    assert.deepEqual([...commandIds].filter((id) => !registered.has(id)), [], 'in package.json but not in src/vscode/commands/ids.ts');
    assert.deepEqual([...registered].filter((id) => !commandIds.has(id)), [], 'in CommandIds but not contributed in package.json');
  });

  it('registers every contributed command once, from the command table', () => {
    const registered = tableRegistrations();
    assert.deepEqual(registered.filter((id, i) => registered.indexOf(id) !== i), [], 'registered twice');
    assert.deepEqual([...commandIds].filter((id) => !registered.includes(id)), [], 'in package.json but not in the command table');
    assert.deepEqual(registered.filter((id) => !commandIds.has(id)), [], 'in the command table but not in package.json');
    assert.deepEqual([...registered].sort(), Object.values(CommandIds).sort());
  });

  it('registers commands in one file and names them only through CommandIds', () => {
    const files = sourceFiles();
    const registering = files.filter((f) => /\bregisterCommand\(/.test(f.text) && !/^export function registerCommand\(/m.test(f.text)).map((f) => f.file);
    assert.deepEqual(registering, ['src/vscode/commands/commandTable.ts'], 'files that call registerCommand');
    assert.deepEqual(files.filter((f) => f.text.includes('commands.registerCommand(')).map((f) => f.file), ['src/vscode/commands/register.ts']);
    // Comments may name a command. The preview panel's webview type is 'forge.preview' too (restored panels depend on it): not a command.
    const literals = files.filter((f) => f.file !== 'src/vscode/commands/ids.ts').flatMap((f) =>
      f.text.split('\n').flatMap((line, i) => (/^\s*(\*|\/\/)/.test(line) ? [] : [...line.matchAll(/(['"`])(forge\.[\w.]+)\1/g)]
        .filter((m) => commandIds.has(m[2] ?? '') && !/\bviewType\b/.test(line))
        .map((m) => `${f.file}:${i + 1} ${m[2]}`))));
    assert.deepEqual(literals, [], 'command ids spelled out instead of CommandIds.…');
  });

  it('gives every command a title and the "Forge" category', () => {
    const bad = manifest.contributes.commands.filter((c) => !c.title?.trim() || c.category !== 'Forge').map((c) => c.command);
    assert.deepEqual(bad, []);
  });

  it('points menus and keybindings at contributed commands', () => {
    const referenced = [
      ...Object.entries(manifest.contributes.menus ?? {}).flatMap(([menu, items]) =>
        items.flatMap((i) => [i.command, i.alt].filter((id): id is string => Boolean(id)).map((id) => ({ id, where: menu }))),
      ),
      ...(manifest.contributes.keybindings ?? []).map((k) => ({ id: k.command, where: 'keybindings' })),
    ];
    const unknown = referenced.filter((r) => !commandIds.has(r.id)).map((r) => `${r.where}: ${r.id}`);
    assert.deepEqual(unknown, []);
  });

  it('links welcome views to existing views and commands', () => {
    const problems = (manifest.contributes.viewsWelcome ?? []).flatMap((w) => [
      ...(viewIds.has(w.view) ? [] : [`no view "${w.view}"`]),
      // Links to VS Code's own commands (workbench.*) are fine; Forge's must exist.
      ...[...w.contents.matchAll(/\(command:(forge\.[\w.]+)/g)].map((m) => m[1] ?? '').filter((id) => !commandIds.has(id)).map((id) => `${w.view}: no command "${id}"`),
    ]);
    assert.deepEqual(problems, []);
  });

  it('uses only views, settings, context keys and tree item values that exist in when clauses', () => {
    const problems = whenClauses().flatMap(({ where, when }) => problemsIn(when).map((p) => `${where}: ${p} (when: ${when})`));
    assert.deepEqual(problems, []);
  });

  it('activates on views it contributes', () => {
    const views = (manifest.activationEvents ?? []).filter((e) => e.startsWith('onView:')).map((e) => e.slice('onView:'.length));
    assert.deepEqual(views.filter((id) => !viewIds.has(id)), []);
  });

  it('documents every setting with a description and a default', () => {
    const problems = Object.entries(settings).flatMap(([key, schema]) => [
      ...(key.startsWith('forge.') ? [] : [`${key}: not in the forge. namespace`]),
      ...(schema.description?.trim() || schema.markdownDescription?.trim() ? [] : [`${key}: no description`]),
      ...('default' in schema ? [] : [`${key}: no default`]),
      ...(schema.enum && schema.enumDescriptions && schema.enum.length !== schema.enumDescriptions.length ? [`${key}: enum and enumDescriptions differ in length`] : []),
      ...(schema.enum && 'default' in schema && !schema.enum.includes(schema.default) ? [`${key}: default is not one of the enum values`] : []),
    ]);
    assert.deepEqual(problems, []);
  });

  it('groups the settings in sections a person can scan, with ordered, linked Markdown descriptions', () => {
    const sections = manifest.contributes.configuration ?? [];
    assert.deepEqual(sections.map((s) => s.title), ['General', 'Dev server', 'Sync', 'Lifecycle', 'Daytona', 'Local backend']);
    const problems = Object.entries(settings).flatMap(([key, schema]) => [
      ...(schema.markdownDescription ? [] : [`${key}: no markdownDescription`]),
      ...(typeof schema.order === 'number' ? [] : [`${key}: no order`]),
      ...(schema.enumDescriptions && schema.markdownEnumDescriptions?.length !== schema.enumDescriptions.length ? [`${key}: no markdownEnumDescriptions`] : []),
      // A setting named in backticks is not a link: `#forge.x#` is.
      ...(/`forge\.[\w.]+`/.test(schema.markdownDescription ?? '') ? [`${key}: a setting named in backticks instead of a link`] : []),
      ...[...(schema.markdownDescription ?? '').matchAll(/#(forge\.[\w.]+)#/g)].flatMap((m) => (m[1] && m[1] in settings ? [] : [`${key}: links to unknown setting ${m[1]}`])),
      // Each default must pass the setting's own validation (an empty API URL is the default).
      ...(schema.format === 'uri' && schema.default === '' ? [`${key}: format uri rejects the empty default`] : []),
      ...(schema.pattern && typeof schema.default === 'string' && !new RegExp(schema.pattern).test(schema.default) ? [`${key}: the default fails the pattern`] : []),
    ]);
    assert.deepEqual(problems, []);
    assert.ok(new RegExp(settings['forge.daytona.apiUrl']?.pattern ?? '^$').test('https://app.daytona.io/api'));
    assert.ok(!new RegExp(settings['forge.daytona.apiUrl']?.pattern ?? '').test('app.daytona.io'));
  });

  it('ships the icons it names, with a 128×128 PNG as the extension icon', () => {
    const icons = [
      ...Object.values(manifest.contributes.viewsContainers ?? {}).flatMap((containers) => containers.map((c) => c.icon)),
      ...Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((v) => v.icon)),
    ].filter((icon): icon is string => typeof icon === 'string' && !icon.startsWith('$('));
    assert.deepEqual(icons.filter((icon) => !fs.existsSync(path.join(root, icon))), [], 'missing icon files');
    assert.ok(manifest.icon, 'package.json has no "icon"');
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG', `${manifest.icon} is not a PNG`);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], `${manifest.icon} must be 128×128`);
  });
});
