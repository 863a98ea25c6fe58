// Forge's layer rules, checked by `npm run lint` (dependency-cruiser). One rule per direction; docs/architecture.md
// explains the layers. A rule that names a layer matches both its folder and, where it has one, its npm package.
const VSCODE_API = '^vscode$|node_modules/@types/vscode/';
const SDK = 'node_modules/@daytonaio/';
const VSCODE_LAYER = '^src/vscode/|^src/extension\\.ts$';
const CLI_LAYER = '^src/cli/|^src/cli\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: each module can be read, tested and loaded after the ones it needs.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'common-imports-no-layer',
      comment: 'src/common/ is the base every layer may use (ForgeError, Logger, cancellation); it depends on none of them.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: `^src/(core|daytona|local|vscode|cli)/|^src/[^/]+\\.ts$|${VSCODE_API}|${SDK}` },
    },
    {
      name: 'core-not-to-vscode',
      comment: 'The core runs without VS Code (the CLI uses it): it never imports the VS Code layer or the vscode API.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: `${VSCODE_LAYER}|${VSCODE_API}` },
    },
    {
      name: 'core-not-to-local',
      comment: 'The core talks to any Daytona-compatible backend through the SDK port; it knows nothing of the local backend server.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/local/' },
    },
    {
      name: 'core-not-to-sdk',
      comment: 'The core reaches sandboxes through the port src/daytona/ defines, never through @daytonaio/sdk (type imports included).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: SDK },
    },
    {
      name: 'daytona-not-to-core',
      comment: 'src/daytona/ is the SDK adapter under the core: it may use src/common/, never the core above it.',
      severity: 'error',
      from: { path: '^src/daytona/' },
      to: { path: '^src/core/' },
    },
    {
      name: 'daytona-not-to-vscode',
      comment: 'The SDK adapter runs without VS Code.',
      severity: 'error',
      from: { path: '^src/daytona/' },
      to: { path: `${VSCODE_LAYER}|${VSCODE_API}` },
    },
    {
      name: 'local-not-to-core',
      comment: 'The local backend is a separate server: it knows nothing of the pipeline that drives it.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^src/core/' },
    },
    {
      name: 'local-not-to-daytona',
      comment: 'The local backend implements the Daytona API; it does not use the client-side adapter.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^src/daytona/' },
    },
    {
      name: 'local-not-to-vscode',
      comment: 'The local backend runs without VS Code (the CLI serves it too).',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: `${VSCODE_LAYER}|${VSCODE_API}` },
    },
    {
      name: 'vscode-sandboxes-through-core',
      comment: 'The VS Code layer reaches sandboxes only through the core: never src/daytona/ or @daytonaio/sdk directly.',
      severity: 'error',
      from: { path: VSCODE_LAYER },
      to: { path: `^src/daytona/|${SDK}` },
    },
    {
      name: 'cli-sandboxes-through-core',
      comment: 'The CLI is an adapter like the VS Code layer: it reaches sandboxes only through the core.',
      severity: 'error',
      from: { path: CLI_LAYER },
      to: { path: `^src/daytona/|${SDK}` },
    },
    {
      name: 'engine-sandboxes-through-core',
      comment: 'src/engine.ts, the lazily loaded composition root, wires the core and the local backend; sandboxes still come through the core.',
      severity: 'error',
      from: { path: '^src/engine\\.ts$' },
      to: { path: `^src/daytona/|${SDK}` },
    },
    {
      name: 'cli-not-to-vscode',
      comment: 'The CLI runs without VS Code.',
      severity: 'error',
      from: { path: CLI_LAYER },
      to: { path: `${VSCODE_LAYER}|${VSCODE_API}` },
    },
    {
      name: 'vscode-session-types-only',
      comment: 'The core preview session sits above the SDK: the VS Code layer imports its types, and reaches its classes through loadEngine(), so activation never loads the SDK.',
      severity: 'error',
      from: { path: VSCODE_LAYER },
      to: { path: '^src/core/session/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-test',
      comment: 'Shipped code never imports test code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that names another layer's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['types', 'main'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
