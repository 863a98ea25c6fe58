// Diagnosis of what a real Astro dev server prints when it fails.
import { capture, freePort, holdPort, projectIn, touch } from '../../../../support/realServers';
import { assertDiagnosis, bin, kit } from './kits';

const ENV = { ASTRO_TELEMETRY_DISABLED: '1' };

describe('diagnose: real Astro output', function () {
  this.timeout(120_000);
  let dir: string;
  let remove: () => Promise<void>;
  let astro: string;

  before(async function () {
    this.timeout(600_000);
    const kitDir = await kit('astro');
    astro = bin(kitDir, 'astro');
    ({ dir, remove } = await projectIn(kitDir, {
      'package.json': '{ "private": true, "type": "module" }',
      // astro:env: a required secret, read by the page.
      'astro.config.mjs': 'import { defineConfig, envField } from "astro/config";\nexport default defineConfig({ env: { schema: { API_SECRET: envField.string({ context: "server", access: "secret" }) } } });\n',
      'src/pages/index.astro': '---\nimport { API_SECRET } from "astro:env/server";\n---\n<p>{API_SECRET.length}</p>\n',
    }));
  });
  after(() => remove());

  it('missing env var (astro:env schema): names the variable and where to set it', async () => {
    const port = await freePort();
    const run = await capture(astro, ['dev', '--host', '0.0.0.0', '--port', String(port)], {
      cwd: dir,
      env: ENV,
      until: /ready in/,
      then: () => touch(`http://127.0.0.1:${port}/`),
      thenUntil: /API_SECRET is missing/,
    });
    assertDiagnosis(run.output, port, /The environment variable API_SECRET is missing\. Add it with forge\.sandbox\.envVars/);
  });

  it('port in use (Astro moves to the next port): says the server moved', async () => {
    const held = await holdPort();
    try {
      const run = await capture(astro, ['dev', '--host', '0.0.0.0', '--port', String(held.port)], { cwd: dir, env: ENV, until: /ready in/ });
      assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is taken in the sandbox, so the dev server moved`));
    } finally {
      await held.close();
    }
  });

  it('bound to localhost (no --host): says to listen on 0.0.0.0', async () => {
    const port = await freePort();
    const run = await capture(astro, ['dev', '--port', String(port)], { cwd: dir, env: ENV, until: /use --host to expose/ });
    assertDiagnosis(run.output, port, /listens on localhost only/);
  });
});
