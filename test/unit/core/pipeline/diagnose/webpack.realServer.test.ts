// Diagnosis of what a real webpack-dev-server prints when it fails (webpack serve).
import * as assert from 'node:assert/strict';
import { capture, freePort, holdPort, projectIn } from '../../../../support/realServers';
import { assertDiagnosis, bin, kit } from './kits';

describe('diagnose: real webpack-dev-server output', function () {
  this.timeout(120_000);
  let kitDir: string;
  let webpack: string;

  before(async function () {
    this.timeout(600_000);
    kitDir = await kit('webpack');
    webpack = bin(kitDir, 'webpack');
  });

  async function serve(files: Record<string, string>, args: string[], until?: RegExp): Promise<string> {
    const project = await projectIn(kitDir, { 'package.json': '{ "private": true }', ...files });
    try {
      return (await capture(webpack, ['serve', '--mode', 'development', ...args], { cwd: project.dir, ...(until ? { until } : {}) })).output;
    } finally {
      await project.remove();
    }
  }

  it('port in use: names the taken port', async () => {
    const held = await holdPort();
    try {
      const output = await serve({ 'src/index.js': 'console.log("hello");\n' }, ['--host', '0.0.0.0', '--port', String(held.port)]);
      assertDiagnosis(output, held.port, new RegExp(`Port ${held.port} is already taken in the sandbox`));
    } finally {
      await held.close();
    }
  });

  it('missing package (Module not found, then a long resolve trace): names it', async () => {
    const port = await freePort();
    const output = await serve({ 'src/index.js': 'import confetti from "canvas-confetti";\nconfetti();\n' }, ['--host', '0.0.0.0', '--port', String(port)], /compiled with/);
    assert.ok(output.split('\n').length > 20, 'webpack prints its resolve trace after the error line');
    assertDiagnosis(output, port, /The package "canvas-confetti" is imported but not installed/);
  });

  it('missing local file: says to fix the import path', async () => {
    const port = await freePort();
    const output = await serve({ 'src/index.js': 'import "./Styles.css";\n' }, ['--host', '0.0.0.0', '--port', String(port)], /compiled with/);
    assertDiagnosis(output, port, /The file "\.\/Styles\.css" that the code imports does not exist/);
  });
});
