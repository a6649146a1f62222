/**
 * Issue 13 item 6 and its reverse, in child processes (only a process can
 * tell whether something keeps it alive): a stream the consumer has let go
 * of must not keep the process up any longer than the bare provider's does,
 * and a call still waiting for its model must keep it up until it settles.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalAnswer } from '../../src/testing/index';
import { childEnv, startNode, tail } from '../e2e/child-process';

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const script = fileURLToPath(new URL('./stream-lifetime-child.ts', import.meta.url));
const STARTUP_MS = 30_000;
// A child still alive this long after it let go is killed: something outlived the call.
const GUARD_MS = 10_000;
const PROMPT_EXIT_MS = 5_000;

interface Run {
  label: string;
  code: number | null;
  output: string;
  /** From letting go of the stream (or from the start) to exit; undefined when the guard had to kill it. */
  exitAfterMs: number | undefined;
}

async function run(wrap: 'bare' | 'wrapped', timeouts: 'default' | 'no-total', scenario: string): Promise<Run> {
  const label = `${wrap} ${timeouts} ${scenario}`;
  const child = startNode([tsxCli, script, wrap, timeouts, scenario], childEnv());
  // Counted from when the child lets go (or settles), so a slow start on a busy machine is not held against it.
  await child.waitForOutput(/dropped|answer:|exit-after-ms/, STARTUP_MS).catch(() => {});
  const guard = setTimeout(() => void child.stop(0), GUARD_MS);
  const code = await child.exited;
  clearTimeout(guard);
  const output = child.output();
  const match = /exit-after-ms: (\d+)/.exec(output);
  return { label, code, output, exitAfterMs: match === null ? undefined : Number(match[1]) };
}

/** The child let go of the stream and then exited on its own, promptly. */
function expectPromptExit(result: Run): number {
  const context = `${result.label}:\n${tail(result.output, 20)}`;
  expect(result.exitAfterMs, `did not exit by itself within ${GUARD_MS} ms of letting go; ${context}`).toBeDefined();
  expect(result.output, context).toContain('dropped');
  expect(result.output, context).not.toContain('failed:');
  expect(result.code, context).toBe(0);
  expect(result.exitAfterMs!, context).toBeLessThan(PROMPT_EXIT_MS);
  return result.exitAfterMs!;
}

/** Whether the first request (to the primary) was aborted, as the fake provider saw it. */
function primaryAborted(result: Run): string | undefined {
  return /aborted at exit: (\w+)/.exec(result.output)?.[1];
}

const timings: string[] = [];
// The measured times, for the record (how long each kind of process lived after letting go).
afterAll(() => console.log(timings.join('\n')));

describe('a stream the consumer lets go of does not keep the process alive', () => {
  it.each([
    { scenario: 'drop', oracle: 'drop' },
    { scenario: 'drop-silent', oracle: 'drop-silent' },
    { scenario: 'drop-cut-early', oracle: 'drop-cut-early' },
    { scenario: 'drop-cut-late', oracle: 'drop-cut-late' },
    { scenario: 'read-failed', oracle: 'read-failed' },
    { scenario: 'cancel', oracle: 'cancel' },
    { scenario: 'cancel-silent', oracle: 'cancel-silent' },
    // No bare equivalent of a continuation: the bare dropped stream is the oracle.
    { scenario: 'drop-continued', oracle: 'drop' },
  ])(
    '$scenario: through withFallback it exits as fast as the bare provider',
    { timeout: 60_000 },
    async ({ scenario, oracle }) => {
      const [bare, wrapped, noTotal] = await Promise.all([
        run('bare', 'default', oracle),
        run('wrapped', 'default', scenario),
        run('wrapped', 'no-total', scenario),
      ]);
      const bareMs = expectPromptExit(bare);
      const wrappedMs = expectPromptExit(wrapped);
      const noTotalMs = expectPromptExit(noTotal);
      timings.push(`${scenario}: bare ${bareMs} ms, wrapped ${wrappedMs} ms, wrapped totalMs:false ${noTotalMs} ms`);
      // As fast: whatever the bare provider leaves running, the chain adds nothing that outlives the stream.
      expect(wrappedMs).toBeLessThan(bareMs + 1_000);
      expect(noTotalMs).toBeLessThan(bareMs + 1_000);
      // The provider sees what it would see without the chain: its request aborted, or not, alike.
      if (scenario === oracle) {
        expect(primaryAborted(wrapped), wrapped.label).toBe(primaryAborted(bare));
        expect(primaryAborted(noTotal), noTotal.label).toBe(primaryAborted(bare));
      }
      // The continued stream was dropped after the second model took over.
      if (scenario === 'drop-continued') expect(wrapped.output).toContain('requests: gpt-4o gpt-4o-mini\n');
    },
  );
});

describe('a call still waiting for its model keeps the process alive until it settles', () => {
  it.each(['wait-stream', 'wait-generate'])('%s', { timeout: 60_000 }, async scenario => {
    const [bare, wrapped, noTotal] = await Promise.all([
      run('bare', 'default', scenario),
      run('wrapped', 'default', scenario),
      run('wrapped', 'no-total', scenario),
    ]);
    // The control: the model's wait holds nothing, so the bare call is abandoned when the process runs dry.
    expect(bare.code, bare.output).toBe(0);
    expect(bare.output).not.toContain('answer:');
    for (const result of [wrapped, noTotal]) {
      const context = `${result.label}:\n${tail(result.output, 20)}`;
      expect(result.output, context).toContain(`answer: ${canonicalAnswer('gpt-4o')}`);
      expect(result.code, context).toBe(0);
      // It lived as long as the call (300 ms of waiting, then the answer) and then exited.
      expect(result.exitAfterMs, context).toBeGreaterThanOrEqual(300);
      expect(result.exitAfterMs, context).toBeLessThan(PROMPT_EXIT_MS);
    }
    timings.push(
      `${scenario}: bare exited unanswered after ${bare.exitAfterMs} ms; wrapped answered and exited after ${wrapped.exitAfterMs} ms, totalMs:false ${noTotal.exitAfterMs} ms`,
    );
  });
});
