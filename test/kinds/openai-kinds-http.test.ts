import { createOpenAI } from '@ai-sdk/openai';
import { embed, embedMany, generateImage, generateSpeech, generateText, transcribe } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FallbackExhaustedError,
  FallbackMixedDimensionsError,
  type FallbackRetryEvent,
  type FallbackSwitchEvent,
  withFallback,
} from '../../src/index';
import {
  canonicalAnswer,
  canonicalEmbedding,
  canonicalSpeech,
  type FakeProvider,
  startFakeProvider,
} from '../../src/testing/index';

let fake: FakeProvider;
let openai: ReturnType<typeof createOpenAI>;
let backup: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  fake = await startFakeProvider();
  openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
  backup = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key', name: 'backup' });
});
afterEach(async () => {
  await fake.whenIdle();
  expect(fake.openConnections()).toBe(0);
  fake.reset();
});
afterAll(() => fake.close());

const VALUES = ['the first value', 'the second value', 'the third value'];
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 2, jitter: false } } as const;

describe('embeddings through the real @ai-sdk/openai over HTTP', () => {
  it('embedMany: a 429 whose Retry-After is too long moves on at once; the fallback answers in order, same size', async () => {
    fake.setScript({ 'embed-a': [{ status: 429, retryAfter: 120 }] });
    const switches: FallbackSwitchEvent[] = [];
    const model = withFallback([openai.embedding('embed-a'), backup.embedding('embed-b')], {
      ...fast,
      onFallback: event => switches.push(event),
    });
    const started = Date.now();
    const result = await embedMany({ model, values: VALUES, maxRetries: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.embeddings).toEqual(VALUES.map(value => canonicalEmbedding('embed-b', value)));
    expect(fake.requests.map(request => `${request.model} ${request.step}`)).toEqual([
      'embed-a status 429',
      'embed-b ok',
    ]);
    expect(switches.map(event => `${event.from.id} -> ${event.to.id} ${event.type}`)).toEqual([
      'openai.embedding:embed-a -> backup.embedding:embed-b rate-limit',
    ]);
    expect(result.providerMetadata?.fallback).toMatchObject({
      servedBy: { id: 'backup.embedding:embed-b' },
      attempts: 2,
      caught: [{ id: 'openai.embedding:embed-a', type: 'rate-limit', statusCode: 429 }],
    });
  });

  it('embed: both entries fail: FallbackExhaustedError lists both attempts', async () => {
    fake.setScript({ 'embed-a': ['quota'], 'embed-b': ['auth'] });
    const model = withFallback([openai.embedding('embed-a'), openai.embedding('embed-b')], fast);
    const error = await embed({ model, value: 'hello', maxRetries: 0 }).catch(caught => caught);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect(
      (error as FallbackExhaustedError).attempts.map(attempt => `${attempt.id} ${attempt.type} ${attempt.statusCode}`),
    ).toEqual(['openai.embedding:embed-a quota-exceeded 429', 'openai.embedding:embed-b auth 401']);
  });

  it('retries a 503 on the same entry with backoff, then answers', async () => {
    fake.setScript({ 'embed-a': ['overloaded', 'ok'] });
    const retries: FallbackRetryEvent[] = [];
    const model = withFallback([openai.embedding('embed-a'), openai.embedding('embed-b')], {
      ...fast,
      onRetry: event => retries.push(event),
    });
    const result = await embed({ model, value: 'hello', maxRetries: 0 });
    expect(result.embedding).toEqual(canonicalEmbedding('embed-a', 'hello'));
    expect(retries.map(event => `${event.id} ${event.operation} ${event.type}`)).toEqual([
      'openai.embedding:embed-a embed provider-unavailable',
    ]);
  });

  it('mixed dimensions: the first call served with another size than an earlier entry is refused', async () => {
    const model = withFallback(
      [openai.embedding('embed-a'), { model: openai.embedding('embed-b'), settings: { dimensions: 4 } }],
      fast,
    );
    expect((await embed({ model, value: 'one', maxRetries: 0 })).embedding).toHaveLength(8);
    // The primary fails for good: the fallback answers with 4 dimensions.
    fake.setScript({ 'embed-a': ['auth'] });
    const refused = await embed({ model, value: 'two', maxRetries: 0 }).catch(caught => caught);
    expect(FallbackMixedDimensionsError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({
      first: { entryId: 'openai.embedding:embed-a', dimensions: 8 },
      received: { entryId: 'openai.embedding:embed-b', dimensions: 4 },
    });
    expect(String((refused as Error).message)).toContain('allowMixedDimensions');
  });

  it('allowMixedDimensions: true hands the other size back', async () => {
    fake.setScript({ 'embed-a': ['ok', 'auth'] });
    const model = withFallback(
      [openai.embedding('embed-a'), { model: openai.embedding('embed-b'), settings: { dimensions: 4 } }],
      { ...fast, allowMixedDimensions: true },
    );
    expect((await embed({ model, value: 'one', maxRetries: 0 })).embedding).toHaveLength(8);
    expect((await embed({ model, value: 'two', maxRetries: 0 })).embedding).toEqual(
      canonicalEmbedding('embed-b', 'two', 4),
    );
  });
});

describe('images through the real @ai-sdk/openai over HTTP', () => {
  it.each([
    ['a 503', 'overloaded'],
    ['a connection reset', 'reset'],
  ] as const)('generateImage falls back on %s', async (_label, step) => {
    fake.setScript({ 'dall-e-3': [step, step, step] });
    const model = withFallback([openai.image('dall-e-3'), backup.image('dall-e-2')], fast);
    const result = await generateImage({ model, prompt: 'a fox', n: 1, maxRetries: 0 });
    expect(result.images).toHaveLength(1);
    expect(result.providerMetadata.openai?.images).toEqual([
      expect.objectContaining({ revisedPrompt: 'Drawn by dall-e-2' }),
    ]);
    expect(fake.requests.map(request => `${request.model} ${request.step}`)).toEqual([
      `dall-e-3 ${step}`,
      `dall-e-3 ${step}`,
      `dall-e-3 ${step}`,
      'dall-e-2 ok',
    ]);
    expect(result.providerMetadata.fallback?.images).toEqual([
      expect.objectContaining({ servedBy: expect.objectContaining({ id: 'backup.image:dall-e-2' }), attempts: 4 }),
    ]);
  });

  it('maxImagesPerCall is the smallest of the entries, so each request fits whichever entry answers', async () => {
    const model = withFallback([openai.image('dall-e-2'), openai.image('dall-e-3')]);
    expect(openai.image('dall-e-2').maxImagesPerCall).toBe(10);
    expect(model.maxImagesPerCall).toBe(1);
    const result = await generateImage({ model, prompt: 'two foxes', n: 2, maxRetries: 0 });
    expect(result.images).toHaveLength(2);
    expect(fake.requests.map(request => request.body.n)).toEqual([1, 1]);
  });
});

describe('speech and transcription through the real @ai-sdk/openai over HTTP', () => {
  it('generateSpeech falls back on a 429', async () => {
    fake.setScript({ 'tts-a': ['rate-limit', 'rate-limit', 'rate-limit'] });
    const model = withFallback(
      [openai.speech('tts-a'), { model: openai.speech('tts-b'), settings: { voice: 'nova' } }],
      fast,
    );
    const result = await generateSpeech({ model, text: 'Hello there', maxRetries: 0 });
    expect(new TextDecoder().decode(result.audio.uint8Array)).toBe(canonicalSpeech('tts-b'));
    expect(fake.requestsFor('tts-b')[0]!.body).toMatchObject({ input: 'Hello there', voice: 'nova' });
    expect(result.providerMetadata.fallback).toMatchObject({ servedBy: { id: 'openai.speech:tts-b' }, attempts: 4 });
  });

  it('transcribe falls back on a 429', async () => {
    fake.setScript({ 'whisper-a': [{ status: 429, retryAfter: 60 }] });
    const model = withFallback([openai.transcription('whisper-a'), openai.transcription('whisper-b')], fast);
    const result = await transcribe({ model, audio: new Uint8Array([1, 2, 3, 4]), maxRetries: 0 });
    expect(result.text).toBe(canonicalAnswer('whisper-b'));
    expect(fake.requests.map(request => `${request.model} ${request.step}`)).toEqual([
      'whisper-a status 429',
      'whisper-b ok',
    ]);
  });
});

describe('one kind per chain', () => {
  it('a language model with an embedding model is refused at construction, naming both entries', () => {
    const mixed: unknown[] = [openai.chat('gpt-4o'), openai.embedding('embed-a')];
    expect(() => withFallback(mixed as never)).toThrow(
      'withFallback: models[0] is a language model and models[1] is an embedding model; a chain holds models of one kind',
    );
  });

  it('a language chain still answers as before', async () => {
    const model = withFallback([openai.chat('gpt-4o')]);
    expect((await generateText({ model, prompt: 'hi', maxRetries: 0 })).text).toBe(canonicalAnswer('gpt-4o'));
  });
});
