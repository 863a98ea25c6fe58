// Error answers of the local backend as the real SDK classifies them, injected faults included, and
// Daytona-shaped 4xx for bad requests.
import { strict as assert } from 'node:assert';
import {
  DaytonaAuthenticationError,
  DaytonaValidationError,
  DaytonaConnectionError,
  DaytonaError,
  DaytonaInternalServerError,
  DaytonaNotFoundError,
  DaytonaRateLimitError,
  DaytonaServiceUnavailableError,
  DaytonaTimeoutError,
} from '@daytonaio/sdk';
import { QUOTA_MESSAGE } from '../../../src/local';
import { raw, startTestBackend, type TestBackend } from './helpers';

describe('local backend: errors and injected faults', () => {
  let t: TestBackend;

  beforeEach(async () => {
    t = await startTestBackend();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('answers 401 in the NestJS shape without the right API key', async () => {
    await assert.rejects(t.client({ apiKey: 'wrong' }).get('x'), DaytonaAuthenticationError);
    const answer = await raw(t.backend, 'GET', '/api/sandbox', { auth: false });
    assert.equal(answer.status, 401);
    const body = answer.json();
    assert.deepEqual([body['statusCode'], body['error'], body['message'], body['path']], [401, 'Unauthorized', 'Unauthorized', '/api/sandbox']);
    assert.ok(typeof body['timestamp'] === 'string');
  });

  it('maps injected 429 (with Retry-After), 500, 503 and the 400 quota answer to the SDK classes', async () => {
    t.backend.faults.add({ method: 'POST', path: '^/api/sandbox$', effect: { kind: 'rateLimit', retryAfterSeconds: 7 } });
    const limited = await t.daytona.create().then(() => undefined, (error: unknown) => error);
    assert.ok(limited instanceof DaytonaRateLimitError);
    assert.equal(limited.headers?.['retry-after'], '7');

    t.backend.faults.add({ path: '^/api/sandbox$', effect: { kind: 'rateLimit' } });
    await assert.rejects(t.daytona.create(), DaytonaRateLimitError);
    t.backend.faults.add({ path: '^/api/sandbox/', effect: { kind: 'respond', status: 500 } });
    await assert.rejects(t.daytona.get('x'), DaytonaInternalServerError);
    t.backend.faults.add({ path: '^/api/sandbox/', effect: { kind: 'respond', status: 503 } });
    await assert.rejects(t.daytona.get('x'), DaytonaServiceUnavailableError);
    t.backend.faults.add({ path: '^/api/sandbox$', effect: { kind: 'quota' } });
    await assert.rejects(t.daytona.create(), (error: Error) => error instanceof DaytonaValidationError && error.statusCode === 400 && error.message === QUOTA_MESSAGE);

    // Every rule was used once: the next calls succeed.
    const sandbox = await t.daytona.create();
    assert.equal((await t.daytona.get(sandbox.id)).state, 'started');
  });

  it('applies a rule `times` times, or always until cleared', async () => {
    t.backend.faults.add({ path: '^/api/volumes$', times: 2, effect: { kind: 'respond', status: 503 } });
    await assert.rejects(t.daytona.volume.list(), DaytonaServiceUnavailableError);
    await assert.rejects(t.daytona.volume.list(), DaytonaServiceUnavailableError);
    assert.deepEqual(await t.daytona.volume.list(), []);
    t.backend.faults.add({ path: '^/api/volumes$', times: 'always', effect: { kind: 'respond', status: 500, body: { message: 'custom body' } } });
    await assert.rejects(t.daytona.volume.list(), (error: Error) => error instanceof DaytonaInternalServerError && error.message === 'custom body');
    await assert.rejects(t.daytona.volume.list(), DaytonaInternalServerError);
    t.backend.faults.clear();
    assert.deepEqual(await t.daytona.volume.list(), []);
  });

  it('hangs past the client timeout, and resets connections', async () => {
    t.backend.faults.add({ path: '^/api/sandbox/slow$', delayMs: 5_000, effect: { kind: 'pass' } });
    await assert.rejects(t.client({ requestTimeoutMs: 200 }).get('slow'), DaytonaTimeoutError);

    t.backend.faults.add({ method: 'POST', path: '^/api/sandbox$', effect: { kind: 'reset' } });
    await assert.rejects(t.daytona.create(), (error: Error) => error instanceof DaytonaConnectionError);
    // GET is retried by the SDK after a reset: a single reset is invisible, a persistent one is not.
    t.backend.faults.add({ method: 'GET', path: '^/api/volumes$', effect: { kind: 'reset' } });
    assert.deepEqual(await t.daytona.volume.list(), []);
    t.backend.faults.add({ method: 'GET', path: '^/api/volumes$', times: 'always', effect: { kind: 'reset' } });
    await assert.rejects(t.daytona.volume.list(), DaytonaConnectionError);
    t.backend.faults.clear();

    t.backend.faults.add({ path: '^/api/volumes$', delayMs: 50, effect: { kind: 'close' } });
    await assert.rejects(t.daytona.volume.create('v'), DaytonaConnectionError);
  });

  it('takes rules over HTTP at /_forge/faults (with the API key), and lists and clears them', async () => {
    const rule = { method: 'GET', path: '/toolbox/[^/]+/git/status', times: 3, effect: { kind: 'respond', status: 502 } };
    assert.equal((await raw(t.backend, 'POST', '/_forge/faults', { body: JSON.stringify(rule), auth: false })).status, 401);
    assert.equal((await raw(t.backend, 'POST', '/_forge/faults', { body: JSON.stringify(rule) })).json()['added'], 1);
    assert.equal((await raw(t.backend, 'POST', '/_forge/faults', { body: JSON.stringify([{ path: '^/api/x$', effect: { kind: 'quota' } }]) })).json()['added'], 1);
    assert.equal((await raw(t.backend, 'GET', '/_forge/faults')).json<unknown[]>().length, 2);
    assert.equal((await raw(t.backend, 'GET', '/toolbox/abc/git/status')).status, 502);
    assert.equal((await raw(t.backend, 'DELETE', '/_forge/faults')).status, 200);
    assert.equal((await raw(t.backend, 'GET', '/_forge/faults')).json<unknown[]>().length, 0);

    const bad = await raw(t.backend, 'POST', '/_forge/faults', { body: JSON.stringify({ path: '(', effect: { kind: 'reset' } }) });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json()['message']), /regular expression/);
    assert.equal((await raw(t.backend, 'POST', '/_forge/faults', { body: JSON.stringify({ path: 'x', effect: { kind: 'explode' } }) })).status, 400);
  });

  it('hands WebSocket drop rules to the toolbox hook only', () => {
    t.backend.faults.add({ path: '/process/session/[^/]+/command/[^/]+/logs$', effect: { kind: 'dropWebSocket', afterBytes: 10 } });
    assert.equal(t.backend.faults.take('GET', '/toolbox/a/process/session/s/command/c/logs'), undefined);
    assert.deepEqual(t.backend.faults.takeWebSocketFault('/toolbox/a/process/session/s/command/c/logs'), { afterBytes: 10 });
    assert.equal(t.backend.faults.takeWebSocketFault('/toolbox/a/process/session/s/command/c/logs'), undefined);
  });

  it('answers 404 for unknown sandboxes and routes, including the Socket.IO path', async () => {
    await assert.rejects(t.daytona.get('does-not-exist'), (error: Error) => error instanceof DaytonaNotFoundError && error.message === 'Sandbox with ID or name does-not-exist not found');
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/sandbox/x/explode'], ['GET', '/elsewhere'], ['GET', '/api/socket.io/?EIO=4&transport=polling']] as const) {
      const answer = await raw(t.backend, method, path);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.json()['error'], 'Not Found');
    }
  });

  it('answers 400 in the Daytona shape for malformed JSON and missing or mistyped fields', async () => {
    const post = (body: string): Promise<number> => raw(t.backend, 'POST', '/api/sandbox', { body, headers: { 'content-type': 'application/json' } }).then((a) => a.status);
    const malformed = await raw(t.backend, 'POST', '/api/sandbox', { body: '{"labels":', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.deepEqual([malformed.json()['error'], malformed.json()['path']], ['Bad Request', '/api/sandbox']);
    assert.match(String(malformed.json()['message']), /Malformed JSON/);
    assert.equal(await post('[1,2]'), 400);
    assert.equal(await post('{"labels":"x"}'), 400);
    assert.equal(await post('{"env":{"A":1}}'), 400);
    assert.equal(await post('{"cpu":"2"}'), 400);
    assert.equal(await post('{"autoStopInterval":1.5}'), 400);
    assert.equal(await post('{"autoDeleteInterval":-2}'), 400);
    assert.equal(await post('{"public":"yes"}'), 400);
    assert.equal(await post('{"volumes":[{"mountPath":"/mnt/x"}]}'), 400);
    assert.equal(await post('{"volumes":[{"volumeId":"v","mountPath":"relative"}]}'), 400);
    const typed = await raw(t.backend, 'POST', '/api/sandbox', { body: '{"labels":"x"}' });
    assert.equal(typed.json()['message'], 'labels must be an object of string values');

    const sandbox = await t.daytona.create();
    const id = sandbox.id;
    assert.equal((await raw(t.backend, 'PUT', `/api/sandbox/${id}/labels`, { body: '{}' })).status, 400);
    assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${id}/autostop/abc`)).status, 400);
    assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${id}/autostop/-1`)).status, 400);
    assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${id}/autodelete/-1`)).status, 200);
    assert.equal((await raw(t.backend, 'GET', `/api/sandbox/${id}/ports/70000/preview-url`)).status, 400);
    assert.equal((await raw(t.backend, 'GET', `/api/sandbox/${id}/ports/3000/signed-preview-url?expiresInSeconds=0`)).status, 400);
    assert.equal((await raw(t.backend, 'GET', `/api/sandbox/${id}/ports/3000/signed-preview-url?expiresInSeconds=86401`)).status, 400);
    assert.equal((await raw(t.backend, 'GET', '/api/sandbox?limit=0')).status, 400);
    assert.equal((await raw(t.backend, 'GET', '/api/sandbox?labels=notjson')).status, 400);
    assert.equal((await raw(t.backend, 'GET', '/api/sandbox?cursor=bogus')).status, 400);
    await assert.rejects(sandbox.setAutostopInterval(-1), DaytonaError);
  });

  it('guards the toolbox: the API key only (never a preview token), existing and started sandbox', async () => {
    const sandbox = await t.daytona.create();
    const { token } = await sandbox.getPreviewLink(1);
    assert.equal((await raw(t.backend, 'GET', `/toolbox/${sandbox.id}/work-dir`, { auth: false })).status, 401);
    assert.equal((await raw(t.backend, 'GET', `/toolbox/nope/work-dir`, { auth: false })).status, 401);
    assert.equal((await raw(t.backend, 'GET', `/toolbox/nope/work-dir`)).status, 404);
    assert.equal((await raw(t.backend, 'GET', `/toolbox/${sandbox.id}/work-dir?DAYTONA_SANDBOX_AUTH_KEY=${token}`, { auth: false })).status, 401);
    assert.equal((await raw(t.backend, 'GET', `/toolbox/${sandbox.id}/work-dir`, { auth: false, headers: { 'x-daytona-preview-token': token } })).status, 401);
    assert.equal(t.toolbox.handled.length, 0);
    await raw(t.backend, 'GET', `/toolbox/${sandbox.id}/work-dir`);
    assert.equal(t.toolbox.handled.length, 1);
    await sandbox.stop();
    const stopped = await raw(t.backend, 'GET', `/toolbox/${sandbox.id}/work-dir`);
    assert.equal(stopped.status, 409);
    assert.match(String(stopped.json()['message']), /is stopped; start it/);
    assert.equal(t.toolbox.handled.length, 1);
  });
});
