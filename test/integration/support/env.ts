// Environment variables through which the outside harness talks to the suites in the extension host. The
// extension host inherits code-server's environment (or @vscode/test-electron's `extensionTestsEnv`).
// No `vscode` import here: the harness in test/host shares these names.
export const TestEnv = {
  /** Where the runner writes its results JSON (temp name, then rename). */
  results: 'FORGE_TEST_RESULTS',
  /** Base URL of the harness's automation server (screenshots, webview DOM); unset when there is none. */
  automationUrl: 'FORGE_TEST_AUTOMATION_URL',
  /** Optional mocha --grep for the integration tier. */
  grep: 'FORGE_TEST_GREP',
  /** Absolute path of the repository checkout, for suites that need fixtures. */
  repoRoot: 'FORGE_TEST_REPO_ROOT',
  /** Which host runs the suites: `code-server` or `electron`. */
  host: 'FORGE_TEST_HOST',
} as const;
