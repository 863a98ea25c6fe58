// A dev command whose program is not installed: what the sandbox's shells really print.
import { capture } from '../../../../support/realServers';
import { assertDiagnosis } from './kits';

describe('diagnose: real shell output for a program that is not installed', () => {
  for (const shell of ['/bin/sh', '/bin/bash']) {
    it(`${shell}: names the program`, async () => {
      const run = await capture(shell, ['-c', 'vite --host 0.0.0.0 --port 5173'], { cwd: '/', env: { PATH: '/usr/bin:/bin' } });
      assertDiagnosis(run.output, 5173, /The program "vite" is not installed in the sandbox/, { coloured: false });
    });
  }
});
