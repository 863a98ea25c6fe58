// Process routes through the real SDK, in both runner modes: execute, code-run, sessions, logs.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { DaytonaConflictError, DaytonaNotFoundError, DaytonaProcessExecutionTimeoutError, DaytonaTimeoutError } from '@daytonaio/sdk';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { processesMatching, uniqueSleep } from './support/processes';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: processes (${mode.label})`, () => {
    let f: SandboxFixture;

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      f = await startSandbox({ isolate: mode.isolate, envVars: { FROM_SANDBOX: 'sandbox-env' } });
    });
    after(async () => {
      await f?.stop();
    });

    it('executes with cwd, env, sandbox env and combined output; HOME is the sandbox home', async () => {
      await f.sandbox.fs.createFolder('work/dir', '755');
      const r = await f.sandbox.process.executeCommand('pwd; echo "$GREETING $FROM_SANDBOX"; echo oops >&2; test -f marker && echo marker-seen; exit 3', 'work/dir', { GREETING: 'hi there' });
      assert.equal(r.exitCode, 3);
      const expectedCwd = mode.isolate ? '/home/daytona/work/dir' : join(f.home, 'work/dir');
      assert.equal(r.result, `${expectedCwd}\nhi there sandbox-env\noops\n`);
      const home = await f.sandbox.process.executeCommand('echo $HOME');
      assert.equal(home.result.trim(), mode.isolate ? '/home/daytona' : f.home);
    });

    it('kills a command at its timeout with 408 PROCESS_EXECUTION_TIMEOUT, children included', async () => {
      const m = uniqueSleep();
      const err = await f.sandbox.process.executeCommand(`${m}1 & ${m}2`, undefined, undefined, 1).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof DaytonaProcessExecutionTimeoutError, String(err));
      assert.ok(err instanceof DaytonaTimeoutError);
      assert.equal(err.statusCode, 408);
      await eventually(() => processesMatching(m).length === 0, 'timed-out processes to be gone');
    });

    it('runs JavaScript and TypeScript-that-is-JavaScript code with argv and env', async () => {
      const js = await f.sandbox.process.codeRun('console.log(process.argv.slice(2).join(","), process.env.X)', { argv: ['a', 'b'], env: { X: 'ex' } });
      assert.equal(js.exitCode, 0);
      assert.equal(js.result, 'a,b ex\n');
      const failing = await f.sandbox.process.codeRun('console.error("bad"); process.exit(4)');
      assert.equal(failing.exitCode, 4);
      assert.equal(failing.result, 'bad\n');
    });

    it('runs Python code in a python sandbox', async () => {
      const py = await f.t.daytona.create({ language: 'python' });
      const r = await py.process.codeRun('import sys\nprint("py", sys.argv[1:])', { argv: ['x'] });
      assert.equal(r.exitCode, 0, r.result);
      assert.equal(r.result, "py ['x']\n");
    });

    it('keeps cd and exported variables between commands of a session', async () => {
      await f.sandbox.process.createSession('state');
      await f.sandbox.fs.createFolder('state-dir', '755');
      const first = await f.sandbox.process.executeSessionCommand('state', { command: 'cd state-dir && export KEPT=yes && NOT_EXPORTED=1' });
      assert.equal(first.exitCode, 0);
      const second = await f.sandbox.process.executeSessionCommand('state', { command: 'pwd; echo "$KEPT/${NOT_EXPORTED:-unset}"; echo warn >&2' });
      assert.equal(second.stdout, `${mode.isolate ? '/home/daytona/state-dir' : join(f.home, 'state-dir')}\nyes/unset\n`);
      assert.equal(second.stderr, 'warn\n');
      assert.equal(second.output, `\x01\x01\x01${second.stdout.split('\n')[0]}\n\x01\x01\x01yes/unset\n\x02\x02\x02warn\n`);
      assert.equal(second.exitCode, 0);
      await assert.rejects(f.sandbox.process.createSession('state'), DaytonaConflictError);
    });

    it('lists, gets and deletes sessions; a deleted session is gone', async () => {
      await f.sandbox.process.createSession('listed');
      const done = await f.sandbox.process.executeSessionCommand('listed', { command: 'exit 7' });
      assert.equal(done.exitCode, 7);
      const session = await f.sandbox.process.getSession('listed');
      assert.deepEqual(session.commands, [{ id: done.cmdId, command: 'exit 7', exitCode: 7 }]);
      assert.ok((await f.sandbox.process.listSessions()).some((s) => s.sessionId === 'listed'));
      await f.sandbox.process.deleteSession('listed');
      await assert.rejects(f.sandbox.process.getSession('listed'), DaytonaNotFoundError);
    });

    it('runs async commands (202, no exitCode while running), with JSON logs split by stream', async () => {
      await f.sandbox.process.createSession('bg');
      const started = await f.sandbox.process.executeSessionCommand('bg', { command: 'echo begin; echo problem >&2; while [ ! -f release ]; do sleep 0.05; done; echo end', runAsync: true });
      assert.ok(started.cmdId);
      assert.equal(started.exitCode, undefined);
      await eventually(async () => (await f.sandbox.process.getSessionCommandLogs('bg', started.cmdId)).stderr === 'problem\n', 'the first lines');
      assert.equal((await f.sandbox.process.getSessionCommand('bg', started.cmdId)).exitCode, undefined);
      await writeFile(join(f.home, 'release'), '');
      await eventually(async () => (await f.sandbox.process.getSessionCommand('bg', started.cmdId)).exitCode === 0, 'the command to finish');
      const logs = await f.sandbox.process.getSessionCommandLogs('bg', started.cmdId);
      assert.equal(logs.stdout, 'begin\nend\n');
      assert.equal(logs.stderr, 'problem\n');
      // The legacy `async` flag works too.
      const legacy = await f.sandbox.process.executeSessionCommand('bg', { command: 'true', async: true });
      assert.ok(legacy.cmdId);
    });

    it('streams logs over the WebSocket while the command runs, split by stream, and resolves when it exits', async () => {
      await f.sandbox.process.createSession('follow');
      await f.sandbox.fs.uploadFile(Buffer.from(''), 'follow-gate/.keep');
      // The command cannot finish until the test has received its first line: live streaming or a hang.
      const cmd = await f.sandbox.process.executeSessionCommand('follow', {
        command: 'echo first; i=0; while [ ! -f follow-gate/go ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; [ -f follow-gate/go ] || echo never-released; echo second >&2; printf tail',
        runAsync: true,
      });
      const stdout: string[] = [];
      const stderr: string[] = [];
      await f.sandbox.process.getSessionCommandLogs(
        'follow',
        cmd.cmdId,
        (chunk) => {
          stdout.push(chunk);
          if (!existsSync(join(f.home, 'follow-gate/go'))) void writeFile(join(f.home, 'follow-gate/go'), '');
        },
        (chunk) => stderr.push(chunk),
      );
      assert.equal(stdout.join(''), 'first\ntail\n');
      assert.equal(stderr.join(''), 'second\n');
      assert.equal((await f.sandbox.process.getSessionCommand('follow', cmd.cmdId)).exitCode, 0);
    });

    it('streams a finished command at once and closes', async () => {
      await f.sandbox.process.createSession('after');
      const cmd = await f.sandbox.process.executeSessionCommand('after', { command: 'seq 1 2000; echo done >&2' });
      let out = '';
      let err = '';
      await f.sandbox.process.getSessionCommandLogs('after', cmd.cmdId, (c) => (out += c), (c) => (err += c));
      assert.equal(out.split('\n').length, 2001);
      assert.equal(err, 'done\n');
    });

    it('echoes an offered WebSocket subprotocol and closes the follow stream with 1000', async () => {
      await f.sandbox.process.createSession('proto');
      const cmd = await f.sandbox.process.executeSessionCommand('proto', { command: 'echo proto-ok' });
      const base = f.t.backend.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '');
      const socket = new WebSocket(`${base}/toolbox/${f.sandbox.id}/process/session/proto/command/${cmd.cmdId}/logs?follow=true`, ['X-Daytona-SDK-Version~0.218.0'], {
        headers: { authorization: `Bearer ${f.t.backend.apiKey}` },
      });
      const frames: Buffer[] = [];
      socket.on('message', (data: Buffer) => frames.push(data));
      const code = await new Promise<number>((resolve, reject) => {
        socket.once('close', resolve);
        socket.once('error', reject);
      });
      assert.equal(socket.protocol, 'X-Daytona-SDK-Version~0.218.0');
      assert.equal(code, 1000);
      assert.equal(Buffer.concat(frames).toString('latin1'), '\x01\x01\x01proto-ok\n');
      const missing = new WebSocket(`${base}/toolbox/${f.sandbox.id}/process/session/proto/command/nope/logs?follow=true`, { headers: { authorization: `Bearer ${f.t.backend.apiKey}` } });
      const status = await new Promise<number | undefined>((resolve) => {
        missing.once('unexpected-response', (_req, res) => resolve(res.statusCode));
        missing.once('error', () => resolve(undefined));
      });
      assert.equal(status, 404);
    });

    it('sends input to a running command', async () => {
      await f.sandbox.process.createSession('input');
      const cmd = await f.sandbox.process.executeSessionCommand('input', { command: 'read line; echo "got $line"', runAsync: true });
      await f.sandbox.process.sendSessionCommandInput('input', cmd.cmdId, 'hello\n');
      await eventually(async () => (await f.sandbox.process.getSessionCommand('input', cmd.cmdId)).exitCode === 0, 'the command to read its input');
      assert.equal((await f.sandbox.process.getSessionCommandLogs('input', cmd.cmdId)).stdout, 'got hello\n');
    });

    it('deleting a session ends its running commands and their children', async () => {
      await f.sandbox.process.createSession('doomed');
      const m = uniqueSleep();
      await f.sandbox.process.executeSessionCommand('doomed', { command: `${m}1 & ${m}2; wait`, runAsync: true });
      await eventually(() => processesMatching(m).length === 2, 'the command to start');
      await f.sandbox.process.deleteSession('doomed');
      await eventually(() => processesMatching(m).length === 0, 'the session processes to be gone');
    });
  });
}
