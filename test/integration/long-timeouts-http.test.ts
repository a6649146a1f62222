import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { canonicalAnswer } from '../../src/testing/index';
import { childEnv, startNode } from '../e2e/child-process';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const script = fileURLToPath(new URL('./long-timeouts-child.ts', import.meta.url));

interface Result {
  name: string;
  operation: 'generate' | 'stream';
  text?: string;
  error?: string;
  ms: number;
}

it('answers normally with every clock set to 30 days, and Node prints no TimeoutOverflowWarning', async () => {
  const child = startNode([tsxCli, script], childEnv());
  const guard = setTimeout(() => void child.stop(0), 30_000);
  const code = await child.exited;
  clearTimeout(guard);
  const output = child.output();
  const results: Result[] = output
    .split('\n')
    .filter(line => line.startsWith('result: '))
    .map(line => JSON.parse(line.slice('result: '.length)) as Result);

  // stdout and stderr together: the warning Node prints for a delay it cannot wait.
  expect(output).not.toMatch(/TimeoutOverflowWarning|does not fit into a 32-bit signed integer/);
  expect(code).toBe(0);
  expect(results.map(r => `${r.name} ${r.operation}`)).toEqual(
    ['requestMs', 'firstChunkMs', 'chunkIdleMs', 'totalMs', 'all four', 'entry timeouts'].flatMap(name => [
      `${name} generate`,
      `${name} stream`,
    ]),
  );
  for (const result of results) {
    const label = `${result.name} ${result.operation}`;
    expect(result.error, label).toBeUndefined();
    expect(result.text, label).toBe(canonicalAnswer('gpt-4o'));
  }
});
