#!/usr/bin/env node
// `npm test` (see test/host/main.ts): the harness is TypeScript, loaded through tsx.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../test/host/main.ts', import.meta.url);
process.on('SIGINT', () => process.exit(130)); // 'exit' handlers stop code-server, Chromium and child tools
process.on('SIGTERM', () => process.exit(143));
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`[forge-test] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
