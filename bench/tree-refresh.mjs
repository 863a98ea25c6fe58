#!/usr/bin/env node
// `node bench/tree-refresh.mjs`: prints one JSON line, e.g.
// {"bench":"tree-refresh","sandboxes":200,"ms":…,"list_calls":…,"coalesced_walks":…}
// The bench itself is TypeScript (bench/treeRefresh.ts), loaded through tsx like the test harness.
import { tsImport } from 'tsx/esm/api';

const { runTreeRefreshBench } = await tsImport('./treeRefresh.ts', import.meta.url);
const result = await runTreeRefreshBench();
console.log(JSON.stringify(result));
// The SDK's clients keep reconnect timers alive after the backend closed; the bench is done.
process.exit(0);
