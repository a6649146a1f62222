import { createHash } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One e2e run at a time per app folder, across processes: `next build` wipes the `.next` folder
 * that another run's `next start` is serving (several `npm test` runs may share a working tree).
 * The lock file holds the owner's pid; a lock whose owner died is taken over.
 */
export async function acquireRunLock(dir: string, timeoutMs: number): Promise<() => void> {
  const path = join(tmpdir(), `next-chat-e2e-${createHash('sha1').update(dir).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Written aside, then linked into place: the lock file never exists without its pid.
    const mine = `${path}.${process.pid}`;
    writeFileSync(mine, String(process.pid));
    try {
      linkSync(mine, path);
      return () => {
        if (ownerOf(path) === process.pid) unlinkSync(path);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(mine, { force: true });
    }
    const owner = ownerOf(path);
    if (owner === undefined || !isAlive(owner)) {
      try {
        unlinkSync(path);
      } catch {
        // Another waiter took it over first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another e2e run (pid ${owner}) still holds ${path} after ${timeoutMs} ms`);
    }
    // Another process: there is no event to wait for, so check again shortly.
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
