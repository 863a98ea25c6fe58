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
  /** `untrusted` in the Restricted Mode cycle: the runner then runs test/integration/untrusted/ only (and else never). */
  trust: 'FORGE_TEST_TRUST',
  /** Restricted Mode cycle: the file the workspace's git hooks (fsmonitor, uploadpack) append to when they run. */
  hookMarker: 'FORGE_TEST_HOOK_MARKER',
  /** Restricted Mode cycle: the file the git wrapper on the PATH logs every git call to (cwd, arguments). */
  gitLog: 'FORGE_TEST_GIT_LOG',
} as const;
