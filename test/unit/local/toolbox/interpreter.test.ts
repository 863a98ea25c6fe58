// The code interpreter through the real SDK (codeInterpreter.runCode / createContext / listContexts /
// deleteContext), in both runner modes: output streams, state per context, envs for one run, errors,
// timeouts (the worker interrupting itself, and one that will not stop being killed), and bubblewrap.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { DaytonaConnectionError, DaytonaTimeoutError } from '@daytonaio/sdk';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: code interpreter (${mode.label})`, function () {
    this.timeout(30_000);
    let f: SandboxFixture;

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      f = await startSandbox({ isolate: mode.isolate, language: 'python', envVars: { FROM_SANDBOX: 'sandbox-env' } });
      await f.sandbox.fs.createFolder('work', '755');
    });
    after(async () => {
      await f?.stop();
    });

    it('runCode streams stdout and stderr, keeps state in the default context, and sees the sandbox env', async () => {
      const seen: string[] = [];
      const first = await f.sandbox.codeInterpreter.runCode('import os, sys\nx = 41\nprint("out", os.environ["FROM_SANDBOX"])\nsys.stderr.write("err\\n")', {
        onStdout: (m) => void seen.push(`stdout:${m.output}`),
        onStderr: (m) => void seen.push(`stderr:${m.output}`),
      });
      assert.deepEqual([first.stdout, first.stderr, first.error], ['out sandbox-env\n', 'err\n', undefined]);
      assert.deepEqual(seen, ['stdout:out sandbox-env\n', 'stderr:err\n']);
      const second = await f.sandbox.codeInterpreter.runCode('print(x + 1)');
      assert.equal(second.stdout, '42\n');
    });

    it('a created context has its own cwd and globals, is listed (the default is not), and is gone once deleted', async () => {
      const ctx = await f.sandbox.codeInterpreter.createContext('/home/daytona/work');
      assert.equal(ctx.language, 'python');
      assert.equal(ctx.cwd, '/home/daytona/work');
      const listed = await f.sandbox.codeInterpreter.listContexts();
      assert.deepEqual(
        listed.map((c) => c.id),
        [ctx.id],
      );
      const cwd = mode.isolate ? '/home/daytona/work' : `${f.home}/work`;
      const run = await f.sandbox.codeInterpreter.runCode('import os\nprint(os.getcwd(), "x" in globals())', { context: ctx });
      assert.equal(run.stdout, `${cwd} False\n`);
      await f.sandbox.codeInterpreter.deleteContext(ctx);
      assert.deepEqual(await f.sandbox.codeInterpreter.listContexts(), []);
      await assert.rejects(f.sandbox.codeInterpreter.runCode('print(1)', { context: ctx }), (err: unknown) => err instanceof DaytonaConnectionError && /context not found/.test(err.message));
      await assert.rejects(f.sandbox.codeInterpreter.deleteContext(ctx), /not found/);
    });

    it('envs apply to one run only; an exception is reported as an error with a traceback', async () => {
      const withEnv = await f.sandbox.codeInterpreter.runCode('import os\nprint(os.environ.get("ONE_RUN"))', { envs: { ONE_RUN: 'yes' } });
      const after = await f.sandbox.codeInterpreter.runCode('import os\nprint(os.environ.get("ONE_RUN"))');
      assert.deepEqual([withEnv.stdout, after.stdout], ['yes\n', 'None\n']);
      const failed = await f.sandbox.codeInterpreter.runCode('print("before")\nraise ValueError("boom")');
      assert.equal(failed.stdout, 'before\n');
      assert.deepEqual([failed.error?.name, failed.error?.value], ['ValueError', 'boom']);
      assert.match(failed.error?.traceback ?? '', /File "<stdin>", line 2\n {4}raise ValueError\("boom"\)\nValueError: boom/);
    });

    it('a timeout interrupts the run and keeps the context; code that ignores it is killed (DaytonaTimeoutError) and the next run starts afresh', async () => {
      await f.sandbox.codeInterpreter.runCode('kept = "still here"');
      const started = Date.now();
      const interrupted = await f.sandbox.codeInterpreter.runCode('import time\nprint("sleeping")\ntime.sleep(30)', { timeout: 1 });
      assert.equal(interrupted.stdout, 'sleeping\n');
      assert.ok(Date.now() - started < 10_000);
      assert.equal((await f.sandbox.codeInterpreter.runCode('print(kept)')).stdout, 'still here\n');
      const stubborn = 'import time\nwhile True:\n    try:\n        time.sleep(30)\n    except KeyboardInterrupt:\n        pass';
      await assert.rejects(f.sandbox.codeInterpreter.runCode(stubborn, { timeout: 1 }), DaytonaTimeoutError);
      const fresh = await f.sandbox.codeInterpreter.runCode('print("kept" in globals())');
      assert.equal(fresh.stdout, 'False\n');
    });

    if (mode.isolate) {
      it('runs the worker inside bubblewrap: the host data directory is not there', async () => {
        const probe = await f.sandbox.codeInterpreter.runCode(`import os\nprint(os.path.exists(${JSON.stringify(f.t.dataDir)}), os.getcwd())`);
        assert.equal(probe.stdout, 'False /home/daytona\n');
      });
    } else {
      it('runs the worker as a sandbox process: stopping the sandbox ends it', async () => {
        const pid = (await f.sandbox.codeInterpreter.runCode('import os\nprint(os.getpid())')).stdout.trim();
        assert.ok(existsSync(`/proc/${pid}`), `worker ${pid}`);
        await f.sandbox.stop();
        await eventually(() => !existsSync(`/proc/${pid}`), 'the worker to end with the sandbox');
        await f.sandbox.start();
        assert.equal((await f.sandbox.codeInterpreter.runCode('print("x" in globals())')).stdout, 'False\n');
      });
    }
  });
}

describe('local toolbox: code interpreter requests the SDK cannot send', () => {
  let f: SandboxFixture;
  before(async () => {
    f = await startSandbox();
  });
  after(async () => {
    await f?.stop();
  });

  it('refuses another language (400) and the default context (400), as the daemon does', async () => {
    const base = `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}/process/interpreter/context`;
    const headers = { Authorization: `Bearer ${f.t.backend.apiKey}`, 'Content-Type': 'application/json' };
    const js = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ language: 'javascript' }) });
    assert.equal(js.status, 400);
    assert.match(await js.text(), /unsupported language: javascript/);
    const dflt = await fetch(`${base}/default`, { method: 'DELETE', headers });
    assert.equal(dflt.status, 400);
    assert.match(await dflt.text(), /cannot delete default context/);
  });
});
