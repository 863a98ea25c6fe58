// Generated at build time by test/host/integrationSuitesPlugin.cjs: one entry per test/integration/**/*.test.ts.
declare module 'forge:integration-suites' {
  export const suites: readonly { readonly file: string; readonly load: () => unknown }[];
}
