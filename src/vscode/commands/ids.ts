// Every command id Forge contributes, in one place. `test/unit/manifest.test.ts` checks this list against package.json.
export const CommandIds = {
  preview: 'forge.preview',
  previewRef: 'forge.preview.ref',
  restartPreview: 'forge.preview.restart',
  checkHealth: 'forge.preview.checkHealth',
  resync: 'forge.preview.resync',
  sharePreview: 'forge.preview.share',
  revokeSharedLinks: 'forge.preview.revokeShares',
  setApiKey: 'forge.apiKey.set',
  clearApiKey: 'forge.apiKey.clear',
  useLocalBackend: 'forge.backend.useLocal',
  showForgeLogs: 'forge.logs.show',
  refreshSandboxes: 'forge.sandboxes.refresh',
  openPreview: 'forge.sandbox.openPreview',
  openInBrowser: 'forge.sandbox.openInBrowser',
  copyLink: 'forge.sandbox.copyLink',
  showDevServerLogs: 'forge.sandbox.showLogs',
  startSandbox: 'forge.sandbox.start',
  stopSandbox: 'forge.sandbox.stop',
  archiveSandbox: 'forge.sandbox.archive',
  recoverSandbox: 'forge.sandbox.recover',
  deleteSandbox: 'forge.sandbox.delete',
  restartDevServer: 'forge.sandbox.restartDevServer',
  pullAndRestart: 'forge.sandbox.pullAndRestart',
  openTerminal: 'forge.sandbox.openTerminal',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
