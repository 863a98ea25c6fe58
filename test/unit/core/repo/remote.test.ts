import * as assert from 'node:assert/strict';
import { tokenAllowedFor } from '../../../../src/core/auth';
import { parseGithubHost } from '../../../../src/core/repo/githubHost';
import { parseRemote, redact } from '../../../../src/core/repo/remote';
import { ForgeError } from '../../../../src/common/errors';

interface Row {
  readonly remote: string;
  readonly host: string;
  readonly cloneUrl: string;
  readonly slug: string;
  readonly onGithubHost: boolean;
  readonly hadCredentials?: boolean;
}

const TABLE: readonly Row[] = [
  { remote: 'https://github.com/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'https://github.com/acme/shop', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'https://github.com/acme/shop.git/', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'git@github.com:acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'git@github.com:acme/shop', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'ssh://git@github.com/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'ssh://git@github.com:22/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'git+ssh://git@github.com/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'https://x-access-token:ghp_secret@github.com/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true, hadCredentials: true },
  { remote: 'https://ghp_secret@github.com/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true, hadCredentials: true },
  { remote: 'git@ghe.example.com:acme/shop.git', host: 'ghe.example.com', cloneUrl: 'https://ghe.example.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'https://GHE.example.com/acme/shop.git', host: 'ghe.example.com', cloneUrl: 'https://ghe.example.com/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'git@gitlab.com:group/sub/app.git', host: 'github.com', cloneUrl: 'https://gitlab.com/group/sub/app.git', slug: 'group/sub/app', onGithubHost: false },
  { remote: 'https://oauth2:glpat-secret@gitlab.com/group/app.git', host: 'github.com', cloneUrl: 'https://gitlab.com/group/app.git', slug: 'group/app', onGithubHost: false, hadCredentials: true },
  { remote: 'git@bitbucket.org:team/app.git', host: 'github.com', cloneUrl: 'https://bitbucket.org/team/app.git', slug: 'team/app', onGithubHost: false },
  // Unknown hosts keep their path as is (Azure DevOps would break with an added .git).
  { remote: 'https://dev.azure.com/org/proj/_git/app', host: 'github.com', cloneUrl: 'https://dev.azure.com/org/proj/_git/app', slug: 'org/proj/_git/app', onGithubHost: false },
  // The tests' git server: a base URL with scheme and port.
  { remote: 'http://127.0.0.1:8123/acme/shop.git', host: 'http://127.0.0.1:8123', cloneUrl: 'http://127.0.0.1:8123/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'git@127.0.0.1:acme/shop.git', host: 'http://127.0.0.1:8123', cloneUrl: 'http://127.0.0.1:8123/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  { remote: 'ssh://git@127.0.0.1:2222/acme/shop.git', host: 'http://127.0.0.1:8123', cloneUrl: 'http://127.0.0.1:8123/acme/shop.git', slug: 'acme/shop', onGithubHost: true },
  // Same host name, another scheme or port: not the configured host, so no token.
  { remote: 'https://127.0.0.1:8123/acme/shop.git', host: 'http://127.0.0.1:8123', cloneUrl: 'https://127.0.0.1:8123/acme/shop.git', slug: 'acme/shop', onGithubHost: false },
  { remote: 'http://127.0.0.1:9999/acme/shop.git', host: 'http://127.0.0.1:8123', cloneUrl: 'http://127.0.0.1:9999/acme/shop.git', slug: 'acme/shop', onGithubHost: false },
  // github.com is not the GitHub host when an enterprise host is configured.
  { remote: 'git@github.com:acme/shop.git', host: 'ghe.example.com', cloneUrl: 'https://github.com/acme/shop.git', slug: 'acme/shop', onGithubHost: false },
  { remote: 'https://github.com.evil.example/acme/shop.git', host: 'github.com', cloneUrl: 'https://github.com.evil.example/acme/shop.git', slug: 'acme/shop', onGithubHost: false },
];

describe('parseRemote', () => {
  for (const row of TABLE) {
    it(`${row.remote} with githubHost ${row.host}`, () => {
      const result = parseRemote(row.remote, row.host);
      assert.ok(result.ok, `expected a clone URL, got ${JSON.stringify(result)}`);
      assert.equal(result.cloneUrl, row.cloneUrl);
      assert.equal(result.slug, row.slug);
      assert.equal(result.onGithubHost, row.onGithubHost);
      assert.equal(result.hadCredentials, row.hadCredentials ?? false);
      assert.ok(!result.cloneUrl.includes('secret'), 'credentials must never survive');
      // The pipeline's own token rule must agree on where the token may go.
      assert.equal(tokenAllowedFor(result.cloneUrl, row.host), row.onGithubHost);
    });
  }

  for (const remote of ['/srv/git/shop.git', './shop', 'file:///srv/git/shop.git', 'C:\\repos\\shop', '', 'git@github.com:', 'https://github.com/']) {
    it(`refuses ${JSON.stringify(remote)} with a reason`, () => {
      const result = parseRemote(remote, 'github.com');
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.reason.length > 0);
    });
  }

  it('redacts credentials for messages', () => {
    assert.equal(redact('https://user:ghp_secret@github.com/a/b.git'), 'https://github.com/a/b.git');
    assert.equal(redact('git@github.com:a/b.git'), 'git@github.com:a/b.git');
  });
});

describe('parseGithubHost', () => {
  it('reads a host name as HTTPS and a base URL as given', () => {
    assert.deepEqual(parseGithubHost('github.com'), { hostname: 'github.com', baseUrl: 'https://github.com', origin: 'https://github.com' });
    assert.deepEqual(parseGithubHost(' GHE.Example.com '), { hostname: 'ghe.example.com', baseUrl: 'https://ghe.example.com', origin: 'https://ghe.example.com' });
    assert.deepEqual(parseGithubHost('http://127.0.0.1:8123/'), { hostname: '127.0.0.1', baseUrl: 'http://127.0.0.1:8123', origin: 'http://127.0.0.1:8123' });
    assert.equal(parseGithubHost('').hostname, 'github.com');
  });

  for (const bad of ['ftp://github.com', 'https://user:pw@ghe.example.com', 'https://', 'not a host']) {
    it(`refuses ${bad} as a bad setting`, () => {
      assert.throws(() => parseGithubHost(bad), (error: unknown) => error instanceof ForgeError && error.code === 'bad-setting' && error.message.includes('forge.githubHost'));
    });
  }
});
