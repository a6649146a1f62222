import { createOpenAI } from '@ai-sdk/openai';
import { embed, generateImage, generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FallbackExhaustedError, memoryHealthStore, withFallback } from '../../src/index';
import { canonicalEmbedding, type FakeProvider, startFakeProvider } from '../../src/testing/index';

let fake: FakeProvider;
let openai: ReturnType<typeof createOpenAI>;
beforeAll(async () => {
  fake = await startFakeProvider();
  openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
});
afterEach(async () => {
  await fake.whenIdle();
  fake.reset();
});
afterAll(() => fake.close());

describe('the circuit breaker, per entry', () => {
  it('an embedding entry that answered Retry-After is skipped by the next call; a chat chain on the same store is not', async () => {
    const store = memoryHealthStore();
    fake.setScript({ 'embed-a': [{ status: 429, retryAfter: 30 }] });
    const embedder = withFallback([openai.embedding('embed-a'), openai.embedding('embed-b')], {
      circuitBreaker: { store },
    });
    const chat = withFallback([openai.chat('gpt-4o'), openai.chat('gpt-4o-mini')], { circuitBreaker: { store } });

    await embed({ model: embedder, value: 'one', maxRetries: 0 });
    const second = await embed({ model: embedder, value: 'two', maxRetries: 0 });
    expect(second.embedding).toEqual(canonicalEmbedding('embed-b', 'two'));
    expect(second.providerMetadata?.fallback).toMatchObject({
      attempts: 1,
      caught: [{ id: 'openai.embedding:embed-a', skipped: { reason: 'circuit-open', openedBy: 'retry-after' } }],
    });
    await generateText({ model: chat, prompt: 'hi', maxRetries: 0 });
    expect(fake.requests.map(request => `${request.model} ${request.step}`)).toEqual([
      'embed-a status 429',
      'embed-b ok',
      'embed-b ok',
      'gpt-4o ok',
    ]);
  });
});

describe('clocks over real sockets', () => {
  it('requestMs: a primary that sends no headers is given up on, its socket closed, and the fallback answers', async () => {
    fake.setScript({ 'dall-e-3': ['hang'] });
    const model = withFallback([
      { model: openai.image('dall-e-3'), timeouts: { requestMs: 150 } },
      openai.image('dall-e-2'),
    ]);
    const result = await generateImage({ model, prompt: 'a fox', maxRetries: 0 });
    expect(result.images).toHaveLength(1);
    expect(result.providerMetadata.fallback?.images?.[0]).toMatchObject({
      servedBy: { modelId: 'dall-e-2' },
      caught: [{ modelId: 'dall-e-3', type: 'timeout' }],
    });
    expect(fake.requestsFor('dall-e-3')[0]!.aborted).toBe(true);
  });

  it('totalMs: one budget for the call, attempts and waits included', async () => {
    fake.setScript({ 'embed-a': ['hang'], 'embed-b': ['hang'] });
    const model = withFallback([openai.embedding('embed-a'), openai.embedding('embed-b')], {
      timeouts: { requestMs: 100, totalMs: 250 },
    });
    const started = Date.now();
    const error = await embed({ model, value: 'x', maxRetries: 0 }).catch(caught => caught);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).attempts.map(attempt => `${attempt.modelId} ${attempt.type}`)).toEqual([
      'embed-a timeout',
      'embed-b timeout',
    ]);
  });
});

describe('per-request settings (providerOptions.fallback)', () => {
  it('entries and enabled: false work for an embedding chain as for a language chain', async () => {
    fake.setScript({});
    const model = withFallback([
      { id: 'a', model: openai.embedding('embed-a') },
      { id: 'b', model: openai.embedding('embed-b') },
    ]);
    const reordered = await embed({
      model,
      value: 'x',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['b', 'a'] } },
    });
    expect(reordered.embedding).toEqual(canonicalEmbedding('embed-b', 'x'));
    expect(reordered.providerMetadata?.fallback).toMatchObject({ servedBy: { id: 'b', index: 0 } });
    fake.setScript({ 'embed-a': ['auth'] });
    const alone = await embed({
      model,
      value: 'y',
      maxRetries: 0,
      providerOptions: { fallback: { enabled: false } },
    }).catch(caught => caught);
    expect(alone).toMatchObject({ statusCode: 401 });
    expect(fake.requests.map(request => `${request.model} ${JSON.stringify(request.body.fallback ?? null)}`)).toEqual([
      'embed-b null',
      'embed-a null',
    ]);
  });
});
