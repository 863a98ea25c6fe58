// The secret scan that runs after every scenario is only worth something if it finds a planted secret: these cases
// plant one where a leak would land (a sandbox's .git/config, a log line, the backend's files) and expect a hit.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TOKEN } from '../../unit/core/pipeline/harness';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { ForgeError } from '../../../src/common/errors';
import { checkNoSecrets, type Metrics, type ScenarioResult } from '../kit/scenario';
import { scanText, scanTree } from '../kit/secrets';
import { scanTempTree } from '../kit/tempScan';

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
    {
      suite: 'secrets',
      name: 'leaks planted in a log line, a progress message, the error and a backend file are counted by the check every scenario runs',
      run: async (lane) => {
        const sandbox = await lane.daytona.create({ language: 'typescript', labels: { 'forge.test': 'secrets' } });
        try {
          // The sandbox's own preview token (its per-port link tokens derive from it), as the backend keeps it.
          const record = await readFile(path.join(lane.dataDir, 'sandboxes', sandbox.id, 'sandbox.json'), 'utf8');
          const previewToken = /"authToken"\s*:\s*"([^"]+)"/.exec(record)?.[1] ?? '';
          assert.ok(previewToken.length >= 8, 'sandbox.json holds the preview token');
          const home = path.join(lane.dataDir, 'sandboxes', sandbox.id, 'home');
          await writeFile(path.join(home, 'planted.log'), `GET /?t=${previewToken}\n`);
          const result: ScenarioResult = {
            logs: [`Authorization: Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`],
            progress: [`Connecting with key=${encodeURIComponent(lane.backend.apiKey)}`],
            error: new ForgeError('internal', 'It failed.', { hint: `Retry with ${TOKEN}` }),
            steps: [],
            sandboxIds: [],
            events: [],
          };
          // Its own counter: the run's secretLeaks must stay the count of real leaks.
          const sink: Metrics = { orphanedSandboxes: 0, secretLeaks: 0 };
          const failure = await checkNoSecrets(lane, result, [], sink).then(() => undefined, (error: unknown) => (error instanceof Error ? error.message : String(error)));
          assert.ok(failure, 'the check let planted leaks through');
          for (const where of ['GitHub token in log lines', 'Daytona API key in progress messages', 'GitHub token in the error shown to the user', `preview token of ${sandbox.id} in ${path.join(home, 'planted.log')}`]) {
            assert.ok(failure.includes(where), `not reported: ${where}`);
          }
          assert.equal(sink.secretLeaks, 4);
        } finally {
          await lane.daytona.delete(sandbox, 60);
        }
      },
    },
    {
      suite: 'secrets',
      name: "the temp-directory scan finds a token left in a file, URL-encoded or as Basic auth, outside the lanes' data",
      run: async () => {
        const root = await mkdtemp(path.join(tmpdir(), 'forge-planted-'));
        try {
          const lane = path.join(root, 'lane-data');
          await mkdir(lane);
          await writeFile(path.join(root, 'env-file'), `GITHUB_TOKEN=${encodeURIComponent(TOKEN)}\n`);
          await writeFile(path.join(root, 'trace.txt'), `Basic ${Buffer.from(`me:${TOKEN}`).toString('base64')}\n`);
          await writeFile(path.join(lane, 'planted-on-purpose'), TOKEN);
          const leaks = await scanTempTree(root, [{ name: 'GitHub token', value: TOKEN }], [lane]);
          assert.deepEqual(leaks.map((l) => path.basename(l.where)).sort(), ['env-file', 'trace.txt']);
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      },
    },
  ];
}
