import * as assert from 'node:assert/strict';
import { homeRelative, shellCommand } from '../../../src/core/sandboxExec';

describe('shellCommand', () => {
  it('changes into the directory relative to the home and quotes every value', () => {
    const command = shellCommand('/home/daytona/my app', { PORT: '3000', GREETING: "it's $HOME" }, 'npm run dev');
    assert.equal(command, `cd 'my app' && export PORT=3000 GREETING="it's \\$HOME" && npm run dev`);
  });

  it('drops variable names a shell cannot take', () => {
    assert.equal(shellCommand('/home/daytona/app', { 'BAD NAME': 'x', 'A;rm': 'y' }, 'true'), 'cd app && true');
  });

  it('maps the home itself to "."', () => {
    assert.equal(homeRelative('/home/daytona'), '.');
    assert.equal(homeRelative('/home/daytona/'), '.');
    assert.equal(homeRelative('/elsewhere/x'), '/elsewhere/x');
  });
});
