// The secret scan that runs after every scenario is only worth something if it finds a planted secret: these cases
// plant one where a leak would land (a sandbox's .git/config, a log line, the backend's files) and expect a hit.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TOKEN } from '../../unit/pipeline/harness';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';
import { scanText, scanTree } from '../kit/secrets';

export function secretCases(): Case<Lane>[] {
  return [
    {
      suite: 'secrets',
      name: 'the scan finds a token planted in a sandbox .git/config and in a log line',
      run: async (lane) => {
        const sandbox = await lane.daytona.create({ language: 'typescript', labels: { 'forge.test': 'secrets' } });
        try {
          await sandbox.fs.uploadFile(Buffer.from(`[remote "origin"]\n\turl = https://x-access-token:${TOKEN}@github.com/o/r.git\n`), '/home/daytona/app/.git/config');
          const secrets = [{ name: 'GitHub token', value: TOKEN }, { name: 'Daytona API key', value: lane.backend.apiKey }];
          const leaks = await scanTree(path.join(lane.dataDir, 'sandboxes', sandbox.id), () => secrets);
          assert.deepEqual(leaks.map((l) => [l.secret, path.basename(l.where)]), [['GitHub token', 'config']]);
          assert.equal(scanText(`cloning with ${lane.backend.apiKey}`, secrets, 'log').length, 1);
          assert.equal(scanText('nothing to see', secrets, 'log').length, 0);
          // Encoded on the way out: a Basic auth header (base64 of user:token) and a URL-encoded query.
          assert.equal(scanText(`Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`, secrets, 'header').length, 1);
          assert.equal(scanText(`?t=${encodeURIComponent(`${lane.backend.apiKey}/`)}`, secrets, 'url').length, 1);
        } finally {
          await lane.daytona.delete(sandbox, 60);
        }
      },
    },
  ];
}
