// A stand-in for the `vscode` module so a unit test can load VS Code layer code that only touches the API when
// called (the command table). Every namespace is an inert proxy; `commands.registerCommand` records the ids it
// is given. Installed only by the tests that ask for it, and removed again.
import Module from 'node:module';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };

/** Anything: a function, a constructor, an object whose every property is again inert. */
const inert: unknown = new Proxy(function inert() {}, {
  get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : inert),
  apply: () => inert,
  construct: () => inert as object,
});

export interface VscodeStub {
  /** The command ids registered through the stub, in order. */
  readonly registered: string[];
  restore(): void;
}

export function installVscodeStub(): VscodeStub {
  const registered: string[] = [];
  const api: Record<string, unknown> = {};
  for (const name of ['window', 'workspace', 'env', 'Uri', 'authentication', 'EventEmitter', 'Disposable', 'TreeItem', 'ThemeIcon', 'ThemeColor', 'RelativePattern', 'MarkdownString']) api[name] = inert;
  for (const name of ['ProgressLocation', 'ViewColumn', 'TreeItemCollapsibleState', 'QuickPickItemKind', 'ConfigurationTarget', 'StatusBarAlignment']) api[name] = inert;
  api['commands'] = {
    registerCommand: (id: string) => {
      registered.push(id);
      return { dispose: () => undefined };
    },
    executeCommand: () => Promise.resolve(undefined),
  };
  const original = moduleWithLoad._load;
  moduleWithLoad._load = function load(request, parent, isMain) {
    return request === 'vscode' ? api : original.call(this, request, parent, isMain);
  };
  return { registered, restore: () => void (moduleWithLoad._load = original) };
}
