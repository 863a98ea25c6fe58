// One installer at a time per cache entry: two `npm test` runs on one machine must not build into the same
// directory. The lock is a directory (mkdir is atomic) holding the owner's pid; a dead owner's lock is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';

const WAIT_LIMIT_MS = 30 * 60_000;

export async function withInstallLock<T>(target: string, work: () => Promise<T>): Promise<T> {
  const lockDir = `${target}.lock`;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let announced = false;
  while (!tryAcquire(lockDir)) {
    if (ownerIsDead(lockDir)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another install to release ${lockDir} (remove it if no install is running).`);
    if (!announced) console.log(`[forge-test] waiting for another install (${lockDir})`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function tryAcquire(lockDir: string): boolean {
  try {
    fs.mkdirSync(lockDir);
  } catch {
    return false;
  }
  fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
  return true;
}

function ownerIsDead(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // The owner may be between mkdir and writing its pid; treat a lock without pid as dead after a minute.
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs > 60_000;
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
