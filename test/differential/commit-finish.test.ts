import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withFallback } from '../../src/index';
import { consumers } from './consumers';
import { freezeClocks, noWaits, observe } from './observe';
import { apiError, errorPart, failedMeta, finish, generated, openText, start, usage13 } from './parts';
import { rows } from './rows';
import type { Script } from './scripted-model';

// commit: 'finish' holds a stream until its finish part: a one-entry chain that holds must still
// be invisible, its answer released whole and unchanged, its failures passed on as the bare model's.
beforeAll(freezeClocks);
afterAll(() => {
  vi.useRealTimers();
});

/**
 * The difference holding makes, the price of `commit: 'finish'`: a caller who aborts before the
 * finish sees none of the held answer (the SDK drops every part it reads after an abort), where
 * the bare model's consumer had seen what was streamed so far. The abort itself is the bare one's.
 */
const HELD = ['start-step', 'step-start', 'text-start', 'text-delta', 'text'];
const unavoidable: Record<string, readonly string[]> = {
  'caller abort before first output': ['streamText fullStream parts', 'toUIMessageStream chunks and onFinish'],
  'caller abort after first output': ['streamText fullStream parts', 'toUIMessageStream chunks and onFinish'],
};

function withoutHeldParts(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(item => !HELD.includes((item as { type?: unknown } | null)?.type as string))
      .map(withoutHeldParts);
  }
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutHeldParts(item)]));
}

for (const row of rows) {
  describe(row.name, () => {
    for (const consumer of consumers.filter(consumer => consumer.applies?.(row) ?? true)) {
      it(consumer.name, async () => {
        const bare = await observe(consumer, row, script => script(row));
        const wrapped = await observe(consumer, row, script =>
          withFallback([script(row)], { ...noWaits, commit: 'finish' }),
        );
        const expected = unavoidable[row.name]?.includes(consumer.name) ? withoutHeldParts(bare) : bare;
        if (expected !== bare) expect(expected).not.toEqual(bare);
        expect(wrapped, "withFallback([model], { commit: 'finish' }) vs the bare model").toEqual(expected);
      });
    }
  });
}

// With commit 'finish', a primary that fails anywhere before its finish (after output too) is
// observed exactly like its backup alone: nothing of the failed answer reaches the consumer.
const good = rows.find(row => row.name === 'success text')!;
const failingBeforeFinish: (Script & { name: string })[] = [
  {
    name: 'sends an error part after output',
    stream: [start, failedMeta, ...openText('f1', 'Partial'), errorPart(apiError(503)), finish('error', 'x')],
    generate: { rejects: apiError(503) },
  },
  {
    name: 'finishes with content-filter after output',
    stream: [start, failedMeta, ...openText('f1', 'Partial'), finish('content-filter', 'content_filter', usage13)],
    generate: generated([{ type: 'text', text: 'Partial' }], 'content-filter', { raw: 'content_filter', failed: true }),
  },
];

for (const primary of failingBeforeFinish) {
  describe(`commit 'finish': primary ${primary.name}, backup answers`, () => {
    for (const consumer of consumers.filter(consumer => consumer.applies?.(good) ?? true)) {
      it(consumer.name, async () => {
        const bare = await observe(consumer, good, script => script(good));
        const chained = await observe(consumer, good, script =>
          withFallback([script(primary), { model: script(good), catchErrors: ['all'] }], {
            ...noWaits,
            commit: 'finish',
          }),
        );
        expect(chained, 'withFallback([failing, good], commit finish) vs the bare good model').toEqual(bare);
      });
    }
  });
}
