// The baseline Forge replaces: the original guide's pipeline ("Complete Implementation", steps 1–2), step by
// step, with the real SDK against the same local backend Forge uses. Written here from the guide's description;
// where the guide names an SDK call the real SDK lacks, the real equivalent is used (noted inline).
//   node seed.js <cloneUrl> --data <dir>   (GITHUB_TOKEN in the environment)
// Prints one JSON line {previewUrl, port, framework} when the guide would report the preview, then waits for
// SIGTERM, which ends the backend and every sandbox process.
import { Daytona, type Sandbox } from '@daytonaio/sdk';
import { parseArgs } from 'node:util';
import { startLocalBackend } from '../../src/local';

const REPO_PATH = 'workspace/project';
const BIG_HEAP = { NODE_OPTIONS: '--max-old-space-size=12288' };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: 'string' } } });
  const repoUrl = positionals[0];
  const token = process.env['GITHUB_TOKEN'] ?? '';
  if (!repoUrl || !values.data) throw new Error('usage: seed <cloneUrl> --data <dir>');
  const backend = await startLocalBackend({ dataDir: values.data });
  process.once('SIGTERM', () => void backend.close().finally(() => process.exit(0)));

  // Step 1: the client and a sandbox with the guide's defaults (its `workspaceClass` does not exist in the SDK).
  const daytona = new Daytona({ apiKey: backend.apiKey, apiUrl: backend.apiUrl });
  const sandbox = await daytona.create({ language: 'typescript', public: true, envVars: {} });

  // Step 2: clone with the token inside the URL, as the guide does (it stays in the sandbox's .git/config).
  const authenticatedUrl = repoUrl.replace(/^(https?:\/\/)/, `$1x-access-token:${token}@`);
  await sandbox.git.clone(authenticatedUrl, REPO_PATH);

  const framework = await detectFramework(sandbox);
  await installDependencies(sandbox, framework.packageManager);
  await buildProject(sandbox, framework.packageManager);
  const url = await startPreviewServer(sandbox, framework);
  process.stdout.write(`${JSON.stringify({ previewUrl: url, port: framework.port, framework: framework.framework })}\n`);
}

interface Framework {
  readonly framework: string;
  readonly packageManager: 'npm' | 'pnpm' | 'yarn';
  readonly port: number;
  readonly scripts: Readonly<Record<string, string>>;
}

/** The guide reads package.json and lists the folder from the sandbox (its `readFile` is `downloadFile`). */
async function detectFramework(sandbox: Sandbox): Promise<Framework> {
  const packageJson = JSON.parse((await sandbox.fs.downloadFile(`${REPO_PATH}/package.json`)).toString('utf-8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
  const deps = { ...packageJson.dependencies, ...packageJson.devDependencies };
  const [framework, port] = deps['next'] ? ['nextjs', 3000] : deps['vite'] ? ['vite', 5173] : deps['vue'] ? ['vue', 8080] : deps['express'] ? ['express', 3000] : ['node', 3000];
  const names = (await sandbox.fs.listFiles(REPO_PATH)).map((f) => f.name);
  const packageManager = names.includes('pnpm-lock.yaml') ? 'pnpm' : names.includes('yarn.lock') ? 'yarn' : 'npm';
  return { framework: String(framework), packageManager, port: Number(port), scripts: packageJson.scripts ?? {} };
}

async function installDependencies(sandbox: Sandbox, pm: Framework['packageManager']): Promise<void> {
  const command = pm === 'pnpm' ? 'pnpm install' : pm === 'yarn' ? 'yarn install' : 'npm install';
  const result = await sandbox.process.executeCommand(command, REPO_PATH, BIG_HEAP, 900);
  if (result.exitCode !== 0) throw new Error(`Install failed: ${result.result}`);
}

/** The guide reads package.json again and runs `build` when there is one; a failed build only warns. */
async function buildProject(sandbox: Sandbox, pm: Framework['packageManager']): Promise<void> {
  const packageJson = JSON.parse((await sandbox.fs.downloadFile(`${REPO_PATH}/package.json`)).toString('utf-8')) as { scripts?: Record<string, string> };
  if (!packageJson.scripts?.['build']) return;
  const command = pm === 'pnpm' ? 'pnpm run build' : pm === 'yarn' ? 'yarn build' : 'npm run build';
  const result = await sandbox.process.executeCommand(command, REPO_PATH, BIG_HEAP, 900);
  if (result.exitCode !== 0) process.stderr.write(`seed: build warning: ${result.result.slice(-500)}\n`);
}

/**
 * A background session, a fixed 15 s wait, then the link (the guide's `getPreviewUrl` is `getPreviewLink`; its
 * `cwd` field does not exist, so the command changes directory). One deviation in the seed's favour: the guide
 * always runs `dev`; an app without a dev script (Express) gets `npm start` so that the baseline has a server at all.
 */
async function startPreviewServer(sandbox: Sandbox, framework: Framework): Promise<string> {
  const script = framework.scripts['dev'] ? 'dev' : 'start';
  const pm = framework.packageManager;
  const command = pm === 'pnpm' ? `pnpm run ${script}` : pm === 'yarn' ? `yarn ${script}` : `npm run ${script}`;
  const sessionId = `dev-server-${Date.now()}`;
  await sandbox.process.createSession(sessionId);
  await sandbox.process.executeSessionCommand(sessionId, { command: `cd ${REPO_PATH} && ${command}`, runAsync: true });
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const link = await sandbox.getPreviewLink(framework.port);
  return link.url;
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
