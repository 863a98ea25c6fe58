// Diagnosis of what a real SvelteKit dev server (vite dev with the sveltekit() plugin) prints when it fails.
import * as assert from 'node:assert/strict';
import { capture, freePort, holdPort, projectIn, touch } from '../../../../support/realServers';
import { assertDiagnosis, bin, kit } from './kits';

describe('diagnose: real SvelteKit output', function () {
  this.timeout(120_000);
  let dir: string;
  let remove: () => Promise<void>;
  let vite: string;

  before(async function () {
    this.timeout(600_000);
    const kitDir = await kit('sveltekit');
    vite = bin(kitDir, 'vite');
    ({ dir, remove } = await projectIn(kitDir, {
      'package.json': '{ "private": true, "type": "module" }',
      'vite.config.js': 'import { sveltekit } from "@sveltejs/kit/vite";\nexport default { plugins: [sveltekit()] };\n',
      'src/app.html': '<!doctype html><html><head>%sveltekit.head%</head><body>%sveltekit.body%</body></html>\n',
      'src/routes/+page.svelte': '<p>hello</p>\n',
      'src/routes/broken/+page.svelte': '<script>\n  import confetti from "canvas-confetti";\n  confetti();\n</script>\n',
    }));
  });
  after(() => remove());

  it('port in use with --strictPort: names the taken port', async () => {
    const held = await holdPort();
    try {
      const run = await capture(vite, ['dev', '--host', '0.0.0.0', '--port', String(held.port), '--strictPort'], { cwd: dir });
      assert.notEqual(run.exitCode, 0);
      assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox`));
    } finally {
      await held.close();
    }
  });

  it('missing package in a route: names it', async () => {
    const port = await freePort();
    const run = await capture(vite, ['dev', '--host', '0.0.0.0', '--port', String(port), '--strictPort'], {
      cwd: dir,
      until: /ready in/,
      then: () => touch(`http://127.0.0.1:${port}/broken`),
      thenUntil: /canvas-confetti/,
    });
    assertDiagnosis(run.output, port, /The package "canvas-confetti" is imported but not installed/);
  });

  it('bound to localhost (no --host): says to listen on 0.0.0.0', async () => {
    const port = await freePort();
    const run = await capture(vite, ['dev', '--port', String(port)], { cwd: dir, until: /use --host to expose/ });
    assertDiagnosis(run.output, port, /listens on localhost only/);
  });
});
