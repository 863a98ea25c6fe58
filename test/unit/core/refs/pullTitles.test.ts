import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubApiBase, openPullTitles } from '../../../../src/core/refs/pullTitles';

const TOKEN = 'ghp_pullTitlesTest0123456789';

// A stand-in for GitHub's REST API at `<githubHost>/api/v3` (the enterprise layout), over real HTTP.
describe('pull request titles from the GitHub API', () => {
  let server: Server;
  let base: string;
  let seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let status = 200;

  before(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify([{ number: 7, title: 'Add feature X' }, { number: 9, title: 42 }]) : '{"message":"Bad credentials"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen = [];
    status = 200;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks the API of the GitHub host for open pull requests, with the token as a bearer header', async () => {
    const titles = await openPullTitles({ slug: 'acme/shop', githubHost: base, token: TOKEN });
    assert.deepEqual([...(titles ?? new Map<number, string>())], [[7, 'Add feature X']]);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.url, '/api/v3/repos/acme/shop/pulls?state=open&per_page=100');
    assert.equal(seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('gives no titles (the caller lists refs/pull/* instead) without a token or when the API refuses', async () => {
    assert.equal(await openPullTitles({ slug: 'acme/shop', githubHost: base, token: undefined }), undefined);
    assert.equal(seen.length, 0, 'no request without a token');
    status = 401;
    const logs: string[] = [];
    const log = (m: unknown): void => void logs.push(String(m));
    assert.equal(await openPullTitles({ slug: 'acme/shop', githubHost: base, token: TOKEN, logger: { trace: log, debug: log, info: log, warn: log, error: log } }), undefined);
    assert.ok(logs.some((l) => l.includes('answered 401')));
    assert.ok(!logs.join('\n').includes(TOKEN));
  });

  it('knows where the API lives', () => {
    assert.equal(githubApiBase('github.com'), 'https://api.github.com');
    assert.equal(githubApiBase('ghe.example.com'), 'https://ghe.example.com/api/v3');
  });
});
