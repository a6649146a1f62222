import { createOpenAI as createOpenAI4 } from '@ai-sdk/openai';
import { createOpenAI as createOpenAI2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAI3 } from '@ai-sdk/openai-v3';
import { embedMany as embedMany7, generateImage as generateImage7 } from 'ai';
import { embedMany as embedMany5, experimental_generateImage as generateImage5 } from 'ai-v5';
import { embedMany as embedMany6, generateImage as generateImage6 } from 'ai-v6';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FallbackExhaustedError, type FallbackMetadata, withFallback } from '../../src/index';
import { canonicalEmbedding, type FakeProvider, startFakeProvider } from '../../src/testing/index';

// Embedding and image chains in each AI SDK major that has them as V2/V3/V4 models, each major with
// its own `ai` and `@ai-sdk/openai`, typed by that major's packages (no casts: the chain assigns to
// that major's `embedMany({ model })` and `generateImage({ model })`).

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const VALUES = ['alpha', 'beta', 'gamma'];
const fast = { backoff: { initialDelayMs: 1, maxDelayMs: 2, jitter: false } } as const;

interface KindKit {
  name: string;
  spec: string;
  embed(primary: string, backup: string): Promise<{ embeddings: number[][]; fallback: unknown; spec: string }>;
  image(primary: string, backup: string): Promise<{ count: number; spec: string; fallback: unknown }>;
}

const ai5: KindKit = {
  name: 'AI SDK 5',
  spec: 'v2',
  async embed(primary, backup) {
    const openai = createOpenAI2({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.embedding(primary), openai.textEmbedding(backup)], fast);
    const result = await embedMany5({ model, values: VALUES, maxRetries: 0 });
    return {
      embeddings: result.embeddings,
      fallback: result.providerMetadata?.fallback,
      spec: model.specificationVersion,
    };
  },
  async image(primary, backup) {
    const openai = createOpenAI2({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.image(primary), openai.image(backup)], fast);
    const result = await generateImage5({ model, prompt: 'a fox', maxRetries: 0 });
    return {
      count: result.images.length,
      spec: model.specificationVersion,
      fallback: result.providerMetadata.fallback,
    };
  },
};

const ai6: KindKit = {
  name: 'AI SDK 6',
  spec: 'v3',
  async embed(primary, backup) {
    const openai = createOpenAI3({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.embedding(primary), openai.embedding(backup)], fast);
    const result = await embedMany6({ model, values: VALUES, maxRetries: 0 });
    return {
      embeddings: result.embeddings,
      fallback: result.providerMetadata?.fallback,
      spec: model.specificationVersion,
    };
  },
  async image(primary, backup) {
    const openai = createOpenAI3({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.image(primary), openai.image(backup)], fast);
    const result = await generateImage6({ model, prompt: 'a fox', maxRetries: 0 });
    return {
      count: result.images.length,
      spec: model.specificationVersion,
      fallback: result.providerMetadata.fallback,
    };
  },
};

const ai7: KindKit = {
  name: 'AI SDK 7',
  spec: 'v4',
  async embed(primary, backup) {
    const openai = createOpenAI4({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.embedding(primary), openai.embedding(backup)], fast);
    const result = await embedMany7({ model, values: VALUES, maxRetries: 0 });
    return {
      embeddings: result.embeddings,
      fallback: result.providerMetadata?.fallback,
      spec: model.specificationVersion,
    };
  },
  async image(primary, backup) {
    const openai = createOpenAI4({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([openai.image(primary), openai.image(backup)], fast);
    const result = await generateImage7({ model, prompt: 'a fox', maxRetries: 0 });
    return {
      count: result.images.length,
      spec: model.specificationVersion,
      fallback: result.providerMetadata.fallback,
    };
  },
};

describe.each([ai5, ai6, ai7])('$name ($spec): embedding and image chains', kit => {
  it("embedMany: a 429 on the primary falls back; the vectors are the backup model's, in order", async () => {
    fake.setScript({ 'embed-a': ['quota'] });
    const result = await kit.embed('embed-a', 'embed-b');
    expect(result.spec).toBe(kit.spec);
    expect(result.embeddings).toEqual(VALUES.map(value => canonicalEmbedding('embed-b', value)));
    expect((result.fallback as FallbackMetadata).servedBy.modelId).toBe('embed-b');
  });

  it('embedMany: both fail: FallbackExhaustedError with both attempts', async () => {
    fake.setScript({ 'embed-a': ['quota'], 'embed-b': ['auth'] });
    const error = await kit.embed('embed-a', 'embed-b').catch(caught => caught);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).attempts.map(attempt => attempt.type)).toEqual(['quota-exceeded', 'auth']);
  });

  it('generateImage: a 503 on the primary falls back', async () => {
    fake.setScript({ 'img-a': ['overloaded', 'overloaded', 'overloaded'] });
    const result = await kit.image('img-a', 'img-b');
    expect(result.spec).toBe(kit.spec);
    expect(result.count).toBe(1);
    expect(fake.requests.map(request => `${request.model} ${request.step}`).at(-1)).toBe('img-b ok');
  });
});

describe('mixed versions are lifted to the highest, as that AI SDK runs them', () => {
  it('AI SDK 6: a V2 embedding model behind a V3 one gives a V3 chain that embedMany of ai@6 runs', async () => {
    const openai2 = createOpenAI2({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const openai3 = createOpenAI3({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    fake.setScript({ 'embed-a': ['auth'] });
    const model = withFallback([openai3.embedding('embed-a'), openai2.embedding('embed-b')]);
    expect(model.specificationVersion).toBe('v3');
    const result = await embedMany6({ model, values: VALUES, maxRetries: 0 });
    expect(result.embeddings).toEqual(VALUES.map(value => canonicalEmbedding('embed-b', value)));
  });

  it('AI SDK 7: V2 and V3 image models behind a V4 one give a V4 chain', async () => {
    const openai2 = createOpenAI2({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const openai3 = createOpenAI3({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const openai4 = createOpenAI4({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    fake.setScript({ 'img-a': ['auth'], 'img-b': ['auth'] });
    const model = withFallback([openai4.image('img-a'), openai3.image('img-b'), openai2.image('img-c')]);
    expect(model.specificationVersion).toBe('v4');
    const result = await generateImage7({ model, prompt: 'a fox', maxRetries: 0 });
    expect(result.images).toHaveLength(1);
    expect(fake.requests.map(request => `${request.model} ${request.step}`)).toEqual([
      'img-a auth',
      'img-b auth',
      'img-c ok',
    ]);
  });
});
