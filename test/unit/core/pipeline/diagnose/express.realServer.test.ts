// Diagnosis of what real Express apps print when they fail: express-generator's app (its bin/www says "Port N is
// already in use") and a bare Express 5 app.listen() (Node's unhandled EADDRINUSE).
import * as assert from 'node:assert/strict';
import { capture, holdPort, projectIn } from '../../../../support/realServers';
import { assertDiagnosis, bin, kit } from './kits';

describe('diagnose: real Express / Node output', function () {
  this.timeout(120_000);
  let kitDir: string;

  before(async function () {
    this.timeout(600_000);
    kitDir = await kit('express');
  });

  it("express-generator's app, port in use: names the taken port", async () => {
    const project = await projectIn(kitDir, {});
    const held = await holdPort();
    try {
      const generated = await capture(bin(kitDir, 'express'), ['--no-view', '--force', '.'], { cwd: project.dir });
      assert.equal(generated.exitCode, 0, generated.output);
      const run = await capture(process.execPath, ['bin/www'], { cwd: project.dir, env: { PORT: String(held.port) } });
      assert.equal(run.exitCode, 1);
      assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox`), { coloured: false });
    } finally {
      await held.close();
      await project.remove();
    }
  });

  it('Express 5 app.listen, port in use (unhandled EADDRINUSE): names the taken port', async () => {
    const project = await projectIn(kitDir, { 'server.js': 'const express = require("express");\nexpress().listen(Number(process.env.PORT));\n' });
    const held = await holdPort();
    try {
      const run = await capture(process.execPath, ['server.js'], { cwd: project.dir, env: { PORT: String(held.port) } });
      assert.notEqual(run.exitCode, 0);
      assertDiagnosis(run.output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox`));
    } finally {
      await held.close();
      await project.remove();
    }
  });

  it('missing package (require of an uninstalled module): names it', async () => {
    const project = await projectIn(kitDir, { 'server.js': 'const helmet = require("helmet");\nrequire("express")().use(helmet()).listen(3000);\n' });
    try {
      const run = await capture(process.execPath, ['server.js'], { cwd: project.dir });
      assert.notEqual(run.exitCode, 0);
      assertDiagnosis(run.output, 3000, /The package "helmet" is imported but not installed/);
    } finally {
      await project.remove();
    }
  });
});
