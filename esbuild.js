// Bundles Forge. Entry points:
//   dist/extension.js  the VS Code entry; small, loads nothing heavy at activation
//   dist/engine.js     core + Daytona SDK + local backend, required lazily on first use
//   dist/cli.js        the `forge` command
//   dist/webview/*.js  scripts of webviews (browser, iife)
//   dist/node_modules/@lydell/node-pty*  the PTY native module (cannot be bundled), copied for this platform
//                      so the packaged extension (vsce --no-dependencies) and dist/cli.js find it
// `--tests` also bundles the integration suites into dist/test/ for the VS Code test host.
const esbuild = require('esbuild');
const path = require('node:path');
const { integrationSuitesPlugin } = require('./test/host/integrationSuitesPlugin.cjs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  external: ['vscode', '@lydell/node-pty'],
  alias: {
    // @netlify/build-info imports @bugsnag/js only for its own CLI's crash reports.
    '@bugsnag/js': path.join(__dirname, 'src/core/detect/bugsnagStub.js'),
    // The SDK's ESM build loads busboy (file downloads) with a runtime require a bundle cannot satisfy; its
    // CommonJS build requires it literally, so esbuild bundles it.
    '@daytonaio/sdk': require.resolve('@daytonaio/sdk'),
    // jsonc-parser's main build is UMD, whose inner requires a bundler cannot follow; its ESM build bundles.
    'jsonc-parser': path.join(path.dirname(require.resolve('jsonc-parser/package.json')), 'lib/esm/main.js'),
    ...Object.fromEntries(
      ['sdk-node', 'instrumentation-http', 'sdk-trace-base', 'exporter-trace-otlp-http', 'otlp-exporter-base', 'resources', 'semantic-conventions'].map((name) => [
        `@opentelemetry/${name}`,
        path.join(__dirname, 'src/daytona/otelStub.js'),
      ]),
    ),
  },
  define: { 'process.env.FORGE_BUILD': JSON.stringify(production ? 'production' : 'development') },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { engine: 'src/engine.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The preview webview's script runs in the browser (see src/vscode/previews/previewPanel.ts).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', external: [], entryPoints: { preview: 'media/preview.ts' }, outdir: 'dist/webview' },
];
if (withTests) {
  builds.push({
    ...common,
    sourcemap: 'inline',
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: 'dist/test/integration',
    // Every test/integration/**/*.test.ts is bundled into the one index (see the plugin).
    plugins: [integrationSuitesPlugin(path.join(__dirname, 'test/integration'))],
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

/** Copies @lydell/node-pty and its binary package for this platform next to the bundles (dist/node_modules). */
function copyNativeModules(distDir = path.join(__dirname, 'dist')) {
  const fs = require('node:fs');
  const binary = `@lydell/node-pty-${process.platform}-${process.arch}`;
  for (const name of ['@lydell/node-pty', binary]) {
    const from = path.dirname(require.resolve(`${name}/package.json`));
    const to = path.join(distDir, 'node_modules', name);
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.d.ts') && !src.endsWith('.md') });
  }
}

async function main() {
  copyNativeModules();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

// test/unit/bundle.test.ts builds the same configurations in memory.
module.exports = { builds, copyNativeModules };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
