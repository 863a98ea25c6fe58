// Diagnosis of what real Vite 7 and Vite 8 print when they fail: each test drives the real `vite` binary into the
// failing condition and feeds its coloured output to diagnose().
import * as assert from 'node:assert/strict';
import { capture, freePort, holdPort, projectIn, touch } from '../../../../support/realServers';
import { assertDiagnosis, bin, diagnoseOutput, kit } from './kits';

const PROJECT = {
  'package.json': '{ "private": true, "type": "module" }',
  'index.html': '<!doctype html><div id="app"></div><script type="module" src="/src/main.js"></script>',
  'src/main.js': 'document.querySelector("#app").textContent = "hello";\n',
};

for (const version of ['vite7', 'vite8'] as const) {
  describe(`diagnose: real ${version === 'vite7' ? 'Vite 7' : 'Vite 8'} output`, function () {
    this.timeout(120_000);
    let dir: string;
    let remove: () => Promise<void>;
    let vite: string;

    before(async function () {
      this.timeout(600_000);
      const kitDir = await kit(version);
      vite = bin(kitDir, 'vite');
      ({ dir, remove } = await projectIn(kitDir, { ...PROJECT, 'src/broken.js': 'import confetti from "canvas-confetti";\nconfetti();\n' }));
    });
    after(() => remove());

    it('port in use with --strictPort (what Forge runs): names the taken port', async () => {
      const held = await holdPort();
      try {
        const run = await capture(vite, ['--host', '0.0.0.0', '--port', String(held.port), '--strictPort'], { cwd: dir });
        assert.notEqual(run.exitCode, 0);
        assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox.*forge\\.port`));
      } finally {
        await held.close();
      }
    });

    it('port in use without --strictPort: says the server moved to another port', async () => {
      const held = await holdPort();
      try {
        const run = await capture(vite, ['--host', '0.0.0.0', '--port', String(held.port)], { cwd: dir, until: /ready in/ });
        assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is taken in the sandbox, so the dev server moved to another port`));
      } finally {
        await held.close();
      }
    });

    it('missing package: names it and says to add it to package.json', async () => {
      const port = await freePort();
      const run = await capture(vite, ['--host', '0.0.0.0', '--port', String(port), '--strictPort'], {
        cwd: dir,
        until: /ready in/,
        then: () => touch(`http://127.0.0.1:${port}/src/broken.js`),
        thenUntil: /Failed to resolve import/,
      });
      assertDiagnosis(run.output, port, /The package "canvas-confetti" is imported but not installed\. Add it to package\.json/);
    });

    it('out of memory (--max-old-space-size tiny): says so and how to get more', async () => {
      const port = await freePort();
      const run = await capture(vite, ['--host', '0.0.0.0', '--port', String(port)], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=8' } });
      assert.notEqual(run.exitCode, 0);
      assertDiagnosis(run.output, port, /ran out of memory.*forge\.sandbox\.class/, { coloured: false });
    });

    it('bound to localhost (no --host): says to listen on 0.0.0.0', async () => {
      const port = await freePort();
      const run = await capture(vite, ['--port', String(port)], { cwd: dir, until: /use --host to expose/ });
      assertDiagnosis(run.output, port, /listens on localhost only.*--host 0\.0\.0\.0/);
    });

    it('listening on 0.0.0.0: no "localhost only" hint', async () => {
      const port = await freePort();
      const run = await capture(vite, ['--host', '0.0.0.0', '--port', String(port)], { cwd: dir, until: /Network:\s+http/ });
      assert.equal(diagnoseOutput(run.output, port), undefined);
    });
  });
}
