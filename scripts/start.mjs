#!/usr/bin/env node
// `npm start` (see test/host/start.ts): Forge in a real VS Code with a sample repository.
import { tsImport } from 'tsx/esm/api';

const { start } = await tsImport('../test/host/start.ts', import.meta.url);
start(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[forge] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
