import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { childEnv, startNode } from '../e2e/child-process';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const script = fileURLToPath(new URL('./stalled-store-child.ts', import.meta.url));

it('a call waiting on a store that never settles keeps the process alive until it settles, then lets it exit', async () => {
  const child = startNode([tsxCli, script], childEnv());
  // A process that never exits fails the test rather than outliving it.
  const guard = setTimeout(() => void child.stop(0), 15_000);
  const code = await child.exited;
  clearTimeout(guard);
  // The call settled from local memory after storeTimeoutMs (200 ms), and the model answered.
  expect(child.output()).toContain('answer: pong');
  // Then nothing held the process: it exited on its own, cleanly.
  expect(code).toBe(0);
});
