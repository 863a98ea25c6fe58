import * as assert from 'node:assert/strict';
import { homeRelative, shellCommand } from '../../../src/core/sandboxExec';

describe('shellCommand', () => {
  it('changes into the directory relative to the home and quotes every value', () => {
    const command = shellCommand('/home/daytona/my app', { PORT: '3000', GREETING: "it's $HOME" }, 'npm run dev');
    assert.equal(command, `cd 'my app' && export PORT=3000 GREETING="it's \\$HOME" && npm run dev`);
  });

  it('keeps a leading $HOME expandable and quotes the rest', () => {
    assert.equal(shellCommand('/home/daytona/app', { npm_config_cache: "$HOME/.forge-cache/it's" }, 'true'), `cd app && export npm_config_cache="$HOME"/".forge-cache/it's" && true`);
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
