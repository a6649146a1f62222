import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FallbackExhaustedError, type FallbackRetryEvent, type FallbackSwitchEvent } from '../../src/index';
import { canonicalAnswer, splitIntoTokens } from '../../src/testing/canonical-answer';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { ai4 } from './kit-ai4';
import { ai5 } from './kit-ai5';
import { ai6 } from './kit-ai6';
import { ai7 } from './kit-ai7';

// Each major runs its own real `ai` and `@ai-sdk/openai` against the fake
// provider: the primary on the chat API, the backup on the Responses API.
const primary = 'gpt-primary';
const backup = 'gpt-backup';
const ids = { primary, backup };
const firstTokens = (model: string, count: number) => splitIntoTokens(canonicalAnswer(model)).slice(0, count).join('');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setScript({});
  fake.reset();
});

describe.each([ai4, ai5, ai6, ai7])('$name ($spec) through withFallback', kit => {
  it(`returns a ${kit.spec} model`, () => {
    expect(kit.chain(fake, ids).specificationVersion).toBe(kit.spec);
  });

  describe('a 429 on the primary falls back to the backup', () => {
    const config = { maxRetriesPerModel: 0 };

    it('generateText', async () => {
      fake.setScript({ [primary]: ['rate-limit'] });
      const result = await kit.chain(fake, ids, config).generate();
      expect(result.text).toBe(canonicalAnswer(backup));
      expect(result.fallback?.servedBy.modelId).toBe(backup);
      expect(result.fallback?.caught).toMatchObject([{ modelId: primary, type: 'rate-limit', statusCode: 429 }]);
      expect(fake.requestsFor(primary)).toHaveLength(1);
      expect(fake.requestsFor(backup)).toHaveLength(1);
    });

    it('streamText', async () => {
      fake.setScript({ [primary]: ['rate-limit'] });
      const result = await kit.chain(fake, ids, config).stream();
      expect(result.text).toBe(canonicalAnswer(backup));
      expect(result.errors).toEqual([]);
      expect(result.finishReason).toBe('stop');
      expect(result.fallback?.servedBy.modelId).toBe(backup);
      expect(result.fallback?.caught).toMatchObject([{ modelId: primary, type: 'rate-limit', statusCode: 429 }]);
    });
  });

  describe('a 429 with retry-after-ms is retried on the same model after that delay', () => {
    const retryAfterMs = 60;
    const run = async (operation: 'generate' | 'stream') => {
      fake.setScript({ [primary]: [{ status: 429, retryAfterMs }] });
      const retries: FallbackRetryEvent[] = [];
      // The circuit breaker (on by default) also honours Retry-After by cooling the entry down for as long;
      // it is off here so this checks the retry itself.
      const chain = kit.chain(fake, ids, {
        maxRetriesPerModel: 1,
        circuitBreaker: false,
        onRetry: event => retries.push(event),
      });
      const result = await chain[operation]();
      expect(result.text).toBe(canonicalAnswer(primary));
      expect(retries).toMatchObject([{ modelId: primary, type: 'rate-limit', statusCode: 429, delayMs: retryAfterMs }]);
      const [first, second] = fake.requestsFor(primary);
      // A lower bound only: the wait is the header's, not the backoff's 250-500 ms.
      expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(retryAfterMs - 5);
      expect(fake.requestsFor(backup)).toHaveLength(0);
    };

    it('generateText', () => run('generate'));
    it('streamText', () => run('stream'));
  });

  it('streamText: an error part before any output falls back, and nothing of the failed attempt shows', async () => {
    fake.setScript({ [primary]: [{ errorAfterTokens: 0, code: 'server_error', message: 'The server had an error' }] });
    const result = await kit.chain(fake, ids, { maxRetriesPerModel: 0 }).stream();
    expect(result.text).toBe(canonicalAnswer(backup));
    expect(result.partTypes).not.toContain('error');
    expect(result.finishReason).toBe('stop');
    expect(result.fallback?.caught).toMatchObject([{ modelId: primary, type: 'provider-unavailable' }]);
  });

  it('streamText: an error part after output ends the stream with the error, never splicing in the backup', async () => {
    fake.setScript({ [primary]: [{ errorAfterTokens: 3, code: 'server_error', message: 'The server had an error' }] });
    const result = await kit.chain(fake, ids).stream();
    expect(result.text).toBe(firstTokens(primary, 3));
    expect(result.errors).toHaveLength(1);
    expect(result.finishReason).toBe('error');
    expect(fake.requestsFor(primary)).toHaveLength(1);
    expect(fake.requestsFor(backup)).toHaveLength(0);
  });

  it("streamText with midStream: 'continue': a stream cut after output is continued by the backup", async () => {
    // Ids of equal length: the fake continues its canonical answer by position (see `prefillRemainder`).
    const cut = { primary: 'model-a', backup: 'model-b' };
    fake.setScript({ [cut.primary]: [{ cutAfterTokens: 8 }] });
    const result = await kit.chain(fake, cut, { midStream: 'continue' }).stream();
    const prefill = firstTokens(cut.primary, 8);
    expect(result.text).toBe(canonicalAnswer(cut.primary));
    expect(result.errors).toEqual([]);
    expect(result.finishReason).toBe('stop');
    expect(fake.requestsFor(cut.backup).map(request => request.prefill)).toEqual([prefill]);
    expect(result.fallback?.continuation).toMatchObject({
      from: { modelId: cut.primary },
      by: { modelId: cut.backup },
      receivedChars: prefill.length,
    });
  });

  describe("the caller's abort is not a failure: no retry, no fallback, the connection closes", () => {
    it('generateText', async () => {
      const controller = new AbortController();
      const reason = new Error('caller cancelled');
      fake.setScript({
        [primary]: () => {
          controller.abort(reason);
          return 'hang';
        },
      });
      const events: unknown[] = [];
      const chain = kit.chain(fake, ids, { onRetry: e => events.push(e), onFallback: e => events.push(e) });
      await expect(chain.generate({ abortSignal: controller.signal })).rejects.toBe(reason);
      await fake.whenIdle();
      expect(events).toEqual([]);
      expect(fake.requestsFor(primary)).toMatchObject([{ aborted: true }]);
      expect(fake.requestsFor(backup)).toHaveLength(0);
    });

    it('streamText, after the first output', async () => {
      const controller = new AbortController();
      fake.setScript({ [primary]: [{ stallAfterTokens: 2 }] });
      const events: unknown[] = [];
      const chain = kit.chain(fake, ids, { onRetry: e => events.push(e), onFallback: e => events.push(e) });
      const result = await chain.stream({
        abortSignal: controller.signal,
        onText: text => {
          if (text === firstTokens(primary, 2)) controller.abort(new Error('caller cancelled'));
        },
      });
      expect(result.text).toBe(firstTokens(primary, 2));
      await fake.whenIdle();
      expect(events).toEqual([]);
      expect(fake.requestsFor(primary)).toMatchObject([{ aborted: true }]);
      expect(fake.requestsFor(backup)).toHaveLength(0);
    });
  });

  describe('when every model fails, the caller gets one FallbackExhaustedError listing each attempt', () => {
    const expectExhausted = (error: unknown, switches: FallbackSwitchEvent[]) => {
      expect(FallbackExhaustedError.isInstance(error)).toBe(true);
      expect((error as FallbackExhaustedError).attempts).toMatchObject([
        { modelId: primary, type: 'quota-exceeded', statusCode: 429 },
        { modelId: backup, type: 'quota-exceeded', statusCode: 429 },
      ]);
      expect(switches).toMatchObject([{ from: { modelId: primary }, to: { modelId: backup }, type: 'quota-exceeded' }]);
    };

    it('generateText', async () => {
      fake.setScript({ [primary]: ['quota'], [backup]: ['quota'] });
      const switches: FallbackSwitchEvent[] = [];
      const chain = kit.chain(fake, ids, { onFallback: e => switches.push(e) });
      const error = await chain.generate().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expectExhausted(error, switches);
    });

    it('streamText', async () => {
      fake.setScript({ [primary]: ['quota'], [backup]: ['quota'] });
      const switches: FallbackSwitchEvent[] = [];
      const result = await kit.chain(fake, ids, { onFallback: e => switches.push(e) }).stream();
      expect(result.text).toBe('');
      expect(result.errors).toHaveLength(1);
      expectExhausted(result.errors[0], switches);
    });
  });
});
