#!/usr/bin/env node
// `npm run reliability [-- --json]` (see test/reliability/main.ts): fault matrix, bad inputs, secrets, load, restart.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../test/reliability/main.ts', import.meta.url);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Keep-alive sockets or a straggling child must not keep CI waiting once the verdict is in.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error) => {
    console.error(`[reliability] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
