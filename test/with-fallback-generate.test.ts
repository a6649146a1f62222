import { APICallError } from '@ai-sdk/provider';
import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3, MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FallbackErrorType,
  FallbackExhaustedError,
  type FallbackMetadata,
  fallbackMiddleware,
  withFallback,
} from '../src/index';
import { apiError, generateResult, scriptedModel } from './helpers/mock-models';

const noJitter = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: false };

function fallbackOf(result: { providerMetadata?: Record<string, unknown> }): FallbackMetadata {
  return result.providerMetadata?.fallback as unknown as FallbackMetadata;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('withFallback: generateText', () => {
  it('answers from the fallback when the primary is unavailable, and says so in metadata', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(503) }]);
    const backup = scriptedModel('backup');
    const result = await generateText({
      model: withFallback([primary, backup], { maxRetriesPerModel: 0 }),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('Answer from backup.');
    expect(result.response.modelId).toBe('backup');
    expect(fallbackOf(result)).toEqual({
      servedBy: { index: 1, id: 'mock:backup', provider: 'mock', modelId: 'backup' },
      attempts: 2,
      caught: [
        {
          index: 0,
          id: 'mock:primary',
          provider: 'mock',
          modelId: 'primary',
          type: 'provider-unavailable',
          message: expect.stringContaining('HTTP 503'),
          statusCode: 503,
        },
      ],
      // The serving attempt's tokens: the failed one reported none.
      totalUsage: { inputTokens: 3, outputTokens: 5 },
    });
  });

  it('retries the same model with exponential backoff before moving on', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel('primary', [{ error: apiError(503) }, { error: apiError(503) }]);
    const backup = scriptedModel('backup');
    const pending = generateText({
      model: withFallback([primary, backup], { backoff: noJitter }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(primary.doGenerateCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(primary.doGenerateCalls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(primary.doGenerateCalls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.text).toBe('Answer from primary.');
    expect(primary.doGenerateCalls).toHaveLength(3);
    expect(backup.doGenerateCalls).toHaveLength(0);
  });

  it('waits the Retry-After the provider asked for instead of the backoff', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '2' } }) }]);
    const pending = generateText({
      model: withFallback([primary, scriptedModel('backup')], { backoff: noJitter }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(primary.doGenerateCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).text).toBe('Answer from primary.');
  });

  it('moves on at once when Retry-After is longer than maxRetryAfterMs', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '60' } }) }]);
    const backup = scriptedModel('backup');
    const result = await generateText({
      model: withFallback([primary, backup], { maxRetryAfterMs: 10_000 }),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('Answer from backup.');
    expect(primary.doGenerateCalls).toHaveLength(1);
  });

  it('passes over entries whose catchErrors do not match', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(401) }]);
    const rateLimitOnly = scriptedModel('rate-limit-only');
    const anything = scriptedModel('anything');
    const result = await generateText({
      model: withFallback([
        primary,
        { model: rateLimitOnly, catchErrors: [FallbackErrorType.RateLimit] },
        { model: anything, catchErrors: ['all'] },
      ]),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('Answer from anything.');
    expect(rateLimitOnly.doGenerateCalls).toHaveLength(0);
  });

  it('rethrows the original error unchanged when no entry catches it', async () => {
    const original = apiError(400, { body: { error: { message: 'bad param', type: 'invalid_request_error' } } });
    const backup = scriptedModel('backup');
    const call = generateText({
      model: withFallback([scriptedModel('primary', [{ error: original }]), backup]),
      prompt: 'hi',
      maxRetries: 0,
    });
    await expect(call).rejects.toBe(original);
    expect(backup.doGenerateCalls).toHaveLength(0);
  });

  it('throws FallbackExhaustedError listing every attempt when all models fail', async () => {
    const onExhausted = vi.fn();
    const call = generateText({
      model: withFallback(
        [
          scriptedModel('a', [{ error: apiError(503) }, { error: apiError(503) }]),
          {
            model: scriptedModel('b', [
              { error: apiError(401, { message: 'Incorrect API key provided: sk-proj-abc123def456ghi789' }) },
            ]),
            id: 'b-east',
          },
        ],
        { maxRetriesPerModel: 1, backoff: { initialDelayMs: 0, jitter: false }, onExhausted },
      ),
      prompt: 'hi',
      maxRetries: 0,
    });
    const error = await call.catch((e: unknown) => e);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as FallbackExhaustedError;
    expect(exhausted.name).toBe('AI_FallbackExhaustedError');
    expect(exhausted.isRetryable).toBe(false);
    expect(exhausted.attempts.map(a => [a.id, a.attempt, a.type, a.statusCode])).toEqual([
      ['mock:a', 1, 'provider-unavailable', 503],
      ['mock:a', 2, 'provider-unavailable', 503],
      ['b-east', 1, 'auth', 401],
    ]);
    expect(exhausted.attemptedProviders).toEqual(['mock:a', 'b-east']);
    expect(Object.keys(exhausted.providerErrors)).toEqual(['mock:a', 'b-east']);
    expect(APICallError.isInstance(exhausted.lastError)).toBe(true);
    expect(exhausted.message.split('\n')).toHaveLength(4);
    expect(exhausted.message).not.toContain('sk-proj-abc123def456ghi789');
    expect(onExhausted).toHaveBeenCalledWith(expect.objectContaining({ error: exhausted, operation: 'generate' }));
  });

  it('with enabled: false calls the primary alone, without retries', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(503) }]);
    const backup = scriptedModel('backup');
    const original = await generateText({
      model: withFallback([primary, backup], { enabled: false }),
      prompt: 'hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(original)).toBe(true);
    expect(primary.doGenerateCalls).toHaveLength(1);
    expect(backup.doGenerateCalls).toHaveLength(0);
  });

  it("stops at once on the caller's abort during a backoff wait, with the caller's reason", async () => {
    const controller = new AbortController();
    const primary = scriptedModel('primary', [{ error: apiError(503) }]);
    const backup = scriptedModel('backup');
    const call = generateText({
      model: withFallback([primary, backup], {
        backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: false },
        onRetry: () => controller.abort(new Error('user left')),
      }),
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: controller.signal,
    });
    await expect(call).rejects.toThrow('user left');
    expect(primary.doGenerateCalls).toHaveLength(1);
    expect(backup.doGenerateCalls).toHaveLength(0);
  });

  it('reports retries, fallbacks and success through events, and ignores a handler that throws', async () => {
    const events: string[] = [];
    const result = await generateText({
      model: withFallback(
        [scriptedModel('a', [{ error: apiError(429) }, { error: apiError(429) }]), scriptedModel('b')],
        {
          maxRetriesPerModel: 1,
          backoff: { initialDelayMs: 1, jitter: false },
          onRetry: e => {
            events.push(`retry ${e.id} attempt ${e.attempt} ${e.type} after ${e.delayMs}`);
            throw new Error('handler bug');
          },
          onFallback: e => events.push(`fallback ${e.from.id} -> ${e.to.id} (${e.type} ${e.statusCode})`),
          onSuccess: e => events.push(`success ${e.id} after ${e.attempts} attempts`),
          logger: { warn: () => {} },
        },
      ),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('Answer from b.');
    expect(events).toEqual([
      'retry mock:a attempt 1 rate-limit after 1',
      'fallback mock:a -> mock:b (rate-limit 429)',
      'success mock:b after 3 attempts',
    ]);
  });

  it('lets a custom classifyError decide, falling back to the built-in mapping on undefined', async () => {
    const custom = new Error('weird vendor failure');
    const seen: string[] = [];
    const result = await generateText({
      model: withFallback(
        [scriptedModel('a', [{ error: custom }]), { model: scriptedModel('b'), catchErrors: ['auth'] }],
        {
          classifyError: (error, ctx) => {
            seen.push(`${ctx.id} builtIn=${ctx.builtIn}`);
            return error === custom ? 'auth' : undefined;
          },
        },
      ),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('Answer from b.');
    expect(seen).toEqual(['mock:a builtIn=provider-unavailable']);
  });

  it('gives an entry its own settings, merging providerOptions per provider', async () => {
    const backup = scriptedModel('backup');
    await generateText({
      model: withFallback(
        [
          scriptedModel('primary', [{ error: apiError(503) }]),
          {
            model: backup,
            settings: { temperature: 0.2, maxOutputTokens: 64, providerOptions: { openai: { user: 'u1' } } },
          },
        ],
        { maxRetriesPerModel: 0 },
      ),
      prompt: 'hi',
      temperature: 0.9,
      providerOptions: { openai: { store: false }, other: { x: 1 } },
      maxRetries: 0,
    });
    const call = backup.doGenerateCalls[0]!;
    expect(call.temperature).toBe(0.2);
    expect(call.maxOutputTokens).toBe(64);
    expect(call.providerOptions).toEqual({ openai: { store: false, user: 'u1' }, other: { x: 1 } });
  });

  it('keeps each call independent when 50 run at once on one instance', async () => {
    let n = 0;
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doGenerate: async options => {
        const prompt = JSON.stringify(options.prompt);
        await new Promise(resolve => setTimeout(resolve, Math.random() * 5));
        if (n++ % 3 !== 0 && Math.random() < 0.7) throw apiError(503);
        return generateResult(`primary:${prompt.match(/question (\d+)/)![1]}`);
      },
    });
    const backup = new MockLanguageModelV4({
      modelId: 'backup',
      doGenerate: async options =>
        generateResult(`backup:${JSON.stringify(options.prompt).match(/question (\d+)/)![1]}`),
    });
    const model = withFallback([primary, backup], {
      maxRetriesPerModel: 1,
      backoff: { initialDelayMs: 1, jitter: true },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => generateText({ model, prompt: `question ${i}`, maxRetries: 0 })),
    );
    results.forEach((result, i) => {
      const served = fallbackOf(result).servedBy.modelId;
      expect(result.text).toBe(`${served}:${i}`);
      // Entries skipped for an open circuit are listed in caught but were not attempted.
      expect(fallbackOf(result).attempts).toBe(fallbackOf(result).caught.filter(c => !c.skipped).length + 1);
    });
    expect(primary.doGenerateCalls.length + backup.doGenerateCalls.length).toBeGreaterThanOrEqual(50);
  });

  it('gives repeated provider:model pairs distinct ids and accepts V3 models', async () => {
    const v3 = new MockLanguageModelV3({
      provider: 'azure',
      modelId: 'gpt-4o',
      doGenerate: async () => ({ ...generateResult('from v3'), content: [{ type: 'text', text: 'from v3' }] }) as never,
    });
    const failing = new MockLanguageModelV4({
      provider: 'azure',
      modelId: 'gpt-4o',
      doGenerate: async () => {
        throw apiError(500);
      },
    });
    const result = await generateText({
      model: withFallback([failing, v3], { maxRetriesPerModel: 0 }),
      prompt: 'hi',
      maxRetries: 0,
    });
    expect(result.text).toBe('from v3');
    expect(fallbackOf(result).servedBy.id).toBe('azure:gpt-4o#2');
    expect(fallbackOf(result).caught[0]!.id).toBe('azure:gpt-4o');
  });

  it('works as middleware around the primary', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(529) }]);
    const model = wrapLanguageModel({
      model: primary,
      middleware: fallbackMiddleware([scriptedModel('backup')], { maxRetriesPerModel: 0 }),
    });
    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe('Answer from backup.');
    expect(fallbackOf(result).servedBy.index).toBe(1);
  });

  it('claims only the URLs every entry supports', async () => {
    const a = new MockLanguageModelV4({
      supportedUrls: { 'image/*': [/^https:\/\//], 'application/pdf': [/^https:\/\//] },
    });
    const b = new MockLanguageModelV4({ supportedUrls: { '*': [/^https:\/\/cdn\.example\.com\//] } });
    const urls = await withFallback([a, b]).supportedUrls;
    expect(Object.keys(urls)).toEqual(['image/*', 'application/pdf']);
    expect(urls['image/*']!.some(r => r.test('https://cdn.example.com/cat.png'))).toBe(true);
    expect(urls['image/*']!.some(r => r.test('https://other.example.com/cat.png'))).toBe(false);
  });
});

describe('withFallback: configuration errors', () => {
  it.each<[string, unknown[], unknown, RegExp]>([
    ['empty chain', [], {}, /models: expected a non-empty array/],
    [
      'unknown error type, with a suggestion',
      [{ model: scriptedModel('a'), catchErrors: ['RateLimt'] }],
      {},
      /models\[0\]\.catchErrors\[0\]: expected one of/,
    ],
    [
      'near miss',
      [scriptedModel('a')],
      { retryOn: ['ratelimit'] },
      /config\.retryOn\[0\]: .*did you mean 'rate-limit'/,
    ],
    [
      'negative retries',
      [scriptedModel('a')],
      { maxRetriesPerModel: -1 },
      /config\.maxRetriesPerModel: expected a whole number >= 0/,
    ],
    [
      'typo in a key',
      [scriptedModel('a')],
      { maxRetriesPerModal: 1 },
      /config\.maxRetriesPerModal: unknown option \(did you mean 'maxRetriesPerModel'\?\)/,
    ],
    [
      'an option of a nested object written at the top',
      [scriptedModel('a')],
      { totalMs: 5_000 },
      /config\.totalMs: unknown option \(did you mean 'timeouts\.totalMs'\?\)/,
    ],
    [
      'a nested option with a typo, on an entry',
      [{ model: scriptedModel('a'), requestMS: 5_000 }],
      {},
      /models\[0\]\.requestMS: unknown option \(did you mean 'timeouts\.requestMs'\?\)/,
    ],
    ['not a model', [{ model: { name: 'gpt' } }], {}, /models\[0\]\.model: expected an AI SDK language model/],
    [
      'timeout of 0',
      [scriptedModel('a')],
      { timeouts: { requestMs: 0 } },
      /config\.timeouts\.requestMs: expected a number of milliseconds > 0, or false/,
    ],
    [
      'duplicate ids',
      [
        { model: scriptedModel('a'), id: 'x' },
        { model: scriptedModel('b'), id: 'x' },
      ],
      {},
      /models\[1\]\.id: 'x' is already used/,
    ],
    ['null options', [scriptedModel('a')], null, /^withFallback: config: expected an object of options, or nothing/],
    [
      'a retry option spelled as the AI SDK spells it',
      [scriptedModel('a')],
      { maxRetries: 1 },
      /config\.maxRetries: unknown option \(did you mean 'maxRetriesPerModel'\?\)/,
    ],
    [
      'a backoff cap below its first delay',
      [scriptedModel('a')],
      { backoff: { initialDelayMs: 1_000, maxDelayMs: 10 } },
      /config\.backoff\.maxDelayMs: expected a number of milliseconds >= initialDelayMs/,
    ],
    [
      'a multiplier that is not a number',
      [scriptedModel('a')],
      { backoff: { multiplier: Number.NaN } },
      /config\.backoff\.multiplier: expected a finite number >= 1/,
    ],
    [
      'an entry setting under its V1 name',
      [scriptedModel('a'), { model: scriptedModel('b'), settings: { maxTokens: 5 } }],
      {},
      /models\[1\]\.settings\.maxTokens: unknown option \(did you mean 'maxOutputTokens'\?\)/,
    ],
    [
      'an entry that replaces the prompt',
      [scriptedModel('a'), { model: scriptedModel('b'), settings: { prompt: [] } }],
      {},
      /models\[1\]\.settings\.prompt: the chain does not let an entry replace the caller's prompt; set it in the call/,
    ],
    [
      'a logger method that is not a function',
      [scriptedModel('a')],
      { logger: { warn: 'yes' } },
      /config\.logger\.warn: expected a function/,
    ],
  ])('%s', (_, models, config, message) => {
    expect(() => withFallback(models as never, config as never)).toThrow(message);
  });
});
