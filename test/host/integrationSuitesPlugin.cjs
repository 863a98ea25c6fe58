// esbuild plugin: the virtual module `forge:integration-suites` lists every `test/integration/**/*.test.ts`
// so adding a suite file is enough for the integration runner to bundle and run it.
const fs = require('node:fs');
const path = require('node:path');

const MODULE_ID = 'forge:integration-suites';

function findSuites(root) {
  return fs
    .readdirSync(root, { recursive: true })
    .map((entry) => String(entry))
    .filter((entry) => entry.endsWith('.test.ts'))
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
}

/** @param {string} suitesRoot absolute path of test/integration */
function integrationSuitesPlugin(suitesRoot) {
  return {
    name: 'forge-integration-suites',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${MODULE_ID}$`) }, () => ({ path: MODULE_ID, namespace: 'forge-suites' }));
      build.onLoad({ filter: /.*/, namespace: 'forge-suites' }, () => {
        const suites = findSuites(suitesRoot);
        const entries = suites.map((file) => `  { file: ${JSON.stringify(file)}, load: () => require(${JSON.stringify(`./${file}`)}) },`);
        return {
          contents: `module.exports.suites = [\n${entries.join('\n')}\n];\n`,
          resolveDir: suitesRoot,
          loader: 'js',
          // Rebuilds in --watch mode pick up new suite files.
          watchDirs: [suitesRoot],
        };
      });
    },
  };
}

module.exports = { integrationSuitesPlugin, findSuites, MODULE_ID };
