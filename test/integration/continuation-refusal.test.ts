import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type FallbackConfig, withFallback } from '../../src/index';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer } from '../../src/testing/index';
import { call, caughtLabels, fakeProviderForFile, PROVIDER_KINDS, type ProviderKind, realModel } from './helpers';

const fake = fakeProviderForFile();

// Ids of the same length: a cut after the id, continued by another model, reads as one sentence.
const CUT = 'model-a';
const REFUSES = 'model-b';
const NEXT = 'model-c';
// No retries and no breaker: each call's requests are exactly the ones the continuation rules make.
const CONTINUE: FallbackConfig = {
  midStream: 'continue',
  maxRetriesPerModel: 0,
  circuitBreaker: false,
  timeouts: { chunkIdleMs: 300 },
};

const firstTokens = (count: number) => splitIntoTokens(canonicalAnswer(CUT)).slice(0, count).join('');
const models = (kind: ProviderKind, ids: string[]) => ids.map(id => realModel(fake, kind, id));

describe("midStream: 'continue' with an entry that refuses the prefill", () => {
  it.each(PROVIDER_KINDS)(
    '%s: the refusing entry is asked once, and the next entry that catches the failure continues',
    async kind => {
      fake.setScript({ [CUT]: { cutAfterTokens: 8 }, [REFUSES]: 'reject-prefill' });
      const outcome = await call(withFallback(models(kind, [CUT, REFUSES, NEXT]), CONTINUE), 'stream');

      expect(outcome.text).toBe(canonicalAnswer(CUT));
      expect(outcome.errors).toEqual([]);
      expect(outcome.thrown).toBeUndefined();
      expect(outcome.finishReason).toBe('stop');
      expect(fake.requestsFor(REFUSES)).toEqual([
        expect.objectContaining({ prefill: firstTokens(8), step: 'reject-prefill' }),
      ]);
      expect(fake.requestsFor(NEXT)).toEqual([expect.objectContaining({ prefill: firstTokens(8) })]);
      expect(outcome.fallback?.continuation).toEqual({
        from: expect.objectContaining({ modelId: CUT }),
        by: expect.objectContaining({ modelId: NEXT, index: 2 }),
        receivedChars: firstTokens(8).length,
      });
      // The refusal is on record, with the attempt it cost.
      expect(caughtLabels(outcome.fallback)).toEqual([`${CUT} network`, `${REFUSES} bad-request 400`]);
      expect(outcome.fallback?.attempts).toBe(3);
    },
  );

  it('a later call does not send the refusing entry any request, and still surfaces the original failure', async () => {
    fake.setScript({ [CUT]: { cutAfterTokens: 8 }, [REFUSES]: 'reject-prefill' });
    const model = withFallback(models('openai chat', [CUT, REFUSES]), CONTINUE);

    const first = await call(model, 'stream');
    expect((first.thrown as Error).message).toBe('Failed to process successful response');
    expect(inspect(first.thrown, { depth: 6 })).toContain('does not support assistant message prefill');
    expect(fake.requestsFor(REFUSES)).toHaveLength(1);

    const second = await call(model, 'stream');
    expect(second.text).toBe(firstTokens(8));
    // The cut itself, on top, as without a fallback; nobody was asked this time.
    expect((second.thrown as Error).message).toBe('Failed to process successful response');
    expect(fake.requestsFor(REFUSES)).toHaveLength(1);
    expect(fake.requestsFor(CUT)).toHaveLength(2);
  });

  it('the refusal is remembered for continuation only: a normal fallback still goes to that entry', async () => {
    fake.setScript({
      [CUT]: [{ cutAfterTokens: 8 }, 'overloaded', 'overloaded', { cutAfterTokens: 8 }],
      [REFUSES]: 'reject-prefill',
    });
    const model = withFallback(models('openai chat', [CUT, REFUSES]), CONTINUE);

    await call(model, 'stream');
    expect(fake.requestsFor(REFUSES).map(request => request.step)).toEqual(['reject-prefill']);

    // The primary fails before any output: the entry that refused to continue answers as a fallback.
    for (const operation of ['stream', 'generate'] as const) {
      const outcome = await call(model, operation);
      expect(outcome.text).toBe(canonicalAnswer(REFUSES));
      expect(outcome.fallback?.servedBy).toEqual(expect.objectContaining({ modelId: REFUSES }));
    }
    expect(fake.requestsFor(REFUSES).map(request => request.prefill)).toEqual([firstTokens(8), undefined, undefined]);

    // And a continuation still does not ask it.
    const cutAgain = await call(model, 'stream');
    expect((cutAgain.thrown as Error).message).toBe('Failed to process successful response');
    expect(fake.requestsFor(REFUSES)).toHaveLength(3);
  });
});
