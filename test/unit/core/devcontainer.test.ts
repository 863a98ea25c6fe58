import * as assert from 'node:assert/strict';
import { parseDevcontainer } from '../../../src/core/devcontainer/parse';
import { commandLine, planDevcontainer } from '../../../src/core/devcontainer/plan';
import { ForgeError } from '../../../src/common/errors';

const FILE = '.devcontainer/devcontainer.json';
const plan = (text: string, settings: Partial<Parameters<typeof planDevcontainer>[1]> = {}): ReturnType<typeof planDevcontainer> =>
  planDevcontainer(parseDevcontainer(text, FILE), { envVars: {}, imageAllowed: true, ...settings });

describe('devcontainer.json: parsing and what Forge takes from it', () => {
  it('reads JSON with comments and trailing commas, keeping the honoured keys and listing the others', () => {
    const parsed = parseDevcontainer('// top\n{ "forwardPorts": [3000, ], /* c */ "features": {}, "image": "node:20", }', FILE);
    assert.deepEqual(parsed.config, { forwardPorts: [3000], image: 'node:20' });
    assert.deepEqual(parsed.ignored, ['features']);
  });

  it('names the file, line and column of a syntax error', () => {
    assert.throws(() => parseDevcontainer('{\n  "a": 1,\n  "b" 2\n}', FILE), (error: unknown) => error instanceof ForgeError && error.message === `${FILE} line 3, column 7: colon expected.`);
    assert.throws(() => parseDevcontainer('[1]', FILE), /is not a JSON object/);
  });

  it('ignores a known key of the wrong type instead of failing', () => {
    const p = plan('{ "forwardPorts": "3000", "containerEnv": { "A": 1, "B": "b" }, "postStartCommand": 5 }');
    assert.equal(p.port, undefined);
    assert.deepEqual(p.env, { B: 'b' });
    assert.equal(p.postStartCommand, undefined);
    assert.ok(p.notes.some((n) => n.endsWith('ignoring keys Forge does not use: forwardPorts, postStartCommand')));
  });

  it('picks the port marked openPreview, else the first; appPort "host:container" gives the container port', () => {
    assert.equal(plan('{ "forwardPorts": [5432, 3000], "portsAttributes": { "3000": { "onAutoForward": "openPreview" } } }').port, 3000);
    assert.equal(plan('{ "forwardPorts": ["db:5432", "localhost:8080"] }').port, 8080);
    assert.equal(plan('{ "appPort": "8000:8010" }').port, 8010);
    assert.equal(plan('{ "appPort": 5173 }').port, 5173);
  });

  it('lets settings win: forge.port over the port, forge.envVars over containerEnv/remoteEnv, saying so', () => {
    const p = plan('{ "forwardPorts": [4000], "containerEnv": { "A": "dc", "B": "dc" }, "remoteEnv": { "B": "remote" } }', { port: 9000, envVars: { A: 'mine' } });
    assert.equal(p.port, undefined);
    assert.deepEqual(p.env, { B: 'remote' });
    assert.ok(p.notes.some((n) => n.includes('port 4000 not used, forge.port (9000) wins')));
    assert.ok(p.notes.some((n) => n.includes('A not taken')));
  });

  it('skips env values that need Dev Containers variable substitution', () => {
    const p = plan('{ "remoteEnv": { "PATH": "${containerEnv:PATH}:/x", "OK": "1" } }');
    assert.deepEqual(p.env, { OK: '1' });
    assert.ok(p.notes.some((n) => n.includes('remoteEnv.PATH')));
  });

  it('uses the image only where the sandbox class takes one', () => {
    assert.equal(plan('{ "image": "node:20" }').image, 'node:20');
    const small = plan('{ "image": "node:20" }', { imageAllowed: false });
    assert.equal(small.image, undefined);
    assert.ok(small.notes.some((n) => /image node:20 not used/.test(n)));
  });

  it('turns lifecycle commands into one shell line: string, argv array, named parallel commands', () => {
    assert.equal(commandLine('npm run setup'), 'npm run setup');
    assert.equal(commandLine(['echo', 'a b']), "echo 'a b'");
    assert.equal(commandLine({ one: 'a' }), 'a');
    assert.equal(commandLine({ one: 'a', two: ['b', 'c d'] }), "(a) & p0=$!; (b 'c d') & p1=$!; wait $p0 && wait $p1");
  });
});
