// A dev server that really cannot get its port: another process in the sandbox listens on it first. The preview
// fails with a message that says so (not "exited before it answered" alone).
import * as assert from 'node:assert/strict';
import { ForgeError } from '../../../src/core/types';
import { useStack } from './harness';

// Holds $PORT on every IPv4 address and drops each connection, then starts the fixture's server on the same port.
const HOLD_THEN_SERVE = `node -e "require('net').createServer((s) => s.destroy()).listen(Number(process.env.PORT), '0.0.0.0', () => console.log('holder listening'))" & sleep 1; node server.js`;

describe('Preview pipeline: the dev server cannot get its port', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('fails with "port already taken", naming the port and the next step', async () => {
    const wc = await copy('plain-node');
    await assert.rejects(stack().preview(wc.dir, { settings: { devCommand: HOLD_THEN_SERVE, port: 3000 } }), (error: unknown) => {
      assert.ok(error instanceof ForgeError, String(error));
      assert.equal(error.code, 'dev-server-exited');
      assert.match(error.hint ?? '', /^Port 3000 is already taken in the sandbox, so the dev server could not listen on it\..*forge\.port/);
      assert.ok(error.logTail.some((l) => /EADDRINUSE/.test(l)), error.logTail.join('\n'));
      return true;
    });
  });
});
