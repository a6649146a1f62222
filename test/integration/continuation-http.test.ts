import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type FallbackConfig, withFallback } from '../../src/index';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer, type FakeStep, prefillRemainder } from '../../src/testing/index';
import { call, caughtLabels, fakeProviderForFile, PROVIDER_KINDS, type ProviderKind, realModel } from './helpers';

const fake = fakeProviderForFile();

// Ids of the same length: a cut after the id, continued by the other model, reads as one sentence.
const CUT = 'model-a';
const NEXT = 'model-b';
const CONTINUE: FallbackConfig = { midStream: 'continue', timeouts: { chunkIdleMs: 300 } };

function chain(kind: ProviderKind, config: FallbackConfig = CONTINUE) {
  return withFallback([realModel(fake, kind, CUT), realModel(fake, kind, NEXT)], config);
}

const firstTokens = (count: number) => splitIntoTokens(canonicalAnswer(CUT)).slice(0, count).join('');

describe("midStream: 'continue' over real HTTP", () => {
  it.each(PROVIDER_KINDS)(
    '%s: a stream cut after 8 tokens is continued by the fallback into one coherent answer',
    async kind => {
      fake.setScript({ [CUT]: { cutAfterTokens: 8 } });
      const outcome = await call(chain(kind), 'stream');
      const prefill = firstTokens(8);

      expect(prefill).toBe('Hello from model-a. This is the');
      expect(outcome.text).toBe(canonicalAnswer(CUT));
      expect(outcome.errors).toEqual([]);
      expect(outcome.finishReason).toBe('stop');
      expect(outcome.partTypes.filter(type => type === 'text-start')).toHaveLength(1);
      // The fallback was asked with the original prompt plus the partial answer as a trailing assistant message.
      const [request] = fake.requestsFor(NEXT);
      expect(request!.prefill).toBe(prefill);
      expect(JSON.stringify(request!.body)).toContain('Say hello.');
      expect(outcome.fallback?.continuation).toEqual({
        from: expect.objectContaining({ modelId: CUT, index: 0 }),
        by: expect.objectContaining({ modelId: NEXT, index: 1 }),
        receivedChars: prefill.length,
      });
      // The body broke off after a 200: a network failure, with no error status to report.
      expect(caughtLabels(outcome.fallback)).toEqual([`${CUT} network`]);
      expect(fake.requestsFor(CUT)).toHaveLength(1);
    },
  );

  it('a cut inside the first words is continued from the same position of the fallback answer', async () => {
    fake.setScript({ [CUT]: { cutAfterTokens: 3 } });
    const outcome = await call(chain('openai chat'), 'stream');
    const prefill = firstTokens(3);

    expect(outcome.text).toBe(prefill + prefillRemainder(canonicalAnswer(NEXT), prefill));
    expect(outcome.fallback?.continuation?.receivedChars).toBe(prefill.length);
  });

  it.each<[string, FakeStep, string]>([
    ['an error frame after output', { errorAfterTokens: 8 }, 'provider-unavailable'],
    ['a stall after output (chunkIdleMs)', { stallAfterTokens: 8 }, 'timeout'],
  ])('%s is continued too', async (_fault, step, type) => {
    fake.setScript({ [CUT]: step });
    const outcome = await call(chain('openai responses'), 'stream');

    expect(outcome.text).toBe(canonicalAnswer(CUT));
    expect(outcome.errors).toEqual([]);
    expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual([type]);
    await fake.whenIdle();
    expect(fake.openConnections()).toBe(0);
  });

  it.each(PROVIDER_KINDS)(
    '%s: a fallback that rejects the prefill leaves the original failure, with the 400 as its cause',
    async kind => {
      fake.setScript({ [CUT]: { cutAfterTokens: 8 }, [NEXT]: 'reject-prefill' });
      const outcome = await call(chain(kind), 'stream');

      expect(outcome.text).toBe(firstTokens(8));
      // As the bare model's stream: a cut body rejects the read (OpenAI, Azure), or arrives as an error part (OpenRouter).
      expect(outcome.errors.length + (outcome.thrown === undefined ? 0 : 1)).toBe(1);
      const failure = (outcome.errors[0] ?? outcome.thrown) as Error;
      // The cut itself (provider-utils' wording for a body that broke off after a 200), never the 400 alone.
      expect(failure.message).toBe('Failed to process successful response');
      // The rejection travels with it, where a logged error shows it.
      expect(inspect(failure, { depth: 6 })).toContain('This model does not support assistant message prefill');
      expect(fake.requestsFor(NEXT)).toEqual([
        expect.objectContaining({ prefill: firstTokens(8), step: 'reject-prefill' }),
      ]);
    },
  );

  it("with midStream 'error' (the default) the same cut ends in an error and the fallback is not asked", async () => {
    fake.setScript({ [CUT]: { cutAfterTokens: 8 } });
    const outcome = await call(chain('openai chat', {}), 'stream');

    expect(outcome.text).toBe(firstTokens(8));
    expect((outcome.thrown as Error).message).toBe('Failed to process successful response');
    expect(fake.requestsFor(NEXT)).toHaveLength(0);
  });

  it('when nobody continues after an error part, the stream goes on and its finish counts every request sent', async () => {
    // OpenRouter's package reports an unreadable event as an error part and keeps reading, as the bare model does.
    fake.setScript({ [CUT]: 'malformed', [NEXT]: 'auth' });
    const outcome = await call(chain('openrouter'), 'stream');

    expect(outcome.text).toBe(canonicalAnswer(CUT));
    expect(outcome.errors).toHaveLength(1);
    expect(fake.requestsFor(NEXT)).toHaveLength(1);
    expect(fake.requestsFor(NEXT)[0]!.prefill).toBeDefined();
    // The mid-stream failure and the continuation request that failed, after the one that served.
    expect(outcome.fallback?.attempts).toBe(2);
    expect(caughtLabels(outcome.fallback)).toEqual([`${CUT} ${outcome.fallback?.caught[0]?.type}`, `${NEXT} auth 401`]);
    expect(outcome.fallback?.continuation).toBeUndefined();
  });
});
