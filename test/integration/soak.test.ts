import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
// The small soak takes about 10 s here; the deadline leaves room for a busy machine.
const DEADLINE_MS = 90_000;

/** Runs the soak script as its own process: only then does "it exits by itself" mean something. */
function runSoak(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'scripts/soak.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
    // A soak that leaves a timer or socket behind never exits: stop it and report that.
    const deadline = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, DEADLINE_MS);
    child.once('error', error => {
      clearTimeout(deadline);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr, killed });
    });
  });
}

describe('chaos soak (small)', () => {
  it(
    '150 calls, 30 at a time, through the real provider packages with random faults: every call correct, nothing left open, the process exits by itself',
    async () => {
      const result = await runSoak(['--seed', '20240601', '--requests', '150', '--concurrency', '30']);
      const lines = result.stdout.trim().split('\n');

      expect(result.killed, `the soak did not exit within ${DEADLINE_MS} ms:\n${result.stdout}`).toBe(false);
      expect(lines[0]).toMatch(/^soak: seed 20240601, 150 requests, 30 concurrent/);
      // The summary is the last line; the details above it name every violation.
      expect(lines.at(-1), result.stdout + result.stderr).toBe('150 passed, 0 failed');
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
    },
    DEADLINE_MS + 10_000,
  );

  it('rejects a bad argument with a message naming it', async () => {
    const result = await runSoak(['--requests', 'many']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--requests: expected a whole number >= 1, got 'many'");
    expect(result.stdout).toBe('');
  });
});
