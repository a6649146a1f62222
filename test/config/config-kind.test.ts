import { embedMany, transcribe } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FallbackConfigError, fallbackFromConfig } from '../../src/config/index';
import { canonicalAnswer, canonicalEmbedding, type FakeProvider, startFakeProvider } from '../../src/testing/index';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const env = { OPENAI_API_KEY: 'test-openai-key', AZURE_API_KEY: 'test-azure-key' };

describe('config kind', () => {
  it("an embedding chain from data: 'kind' builds each entry with the kind's model builder", async () => {
    fake.setScript({ 'embed-a': ['quota'] });
    const model = fallbackFromConfig(
      {
        kind: 'embedding',
        allow_mixed_dimensions: false,
        providers: [
          { provider: 'openai', model: 'embed-a', base_url: fake.openaiBaseURL },
          { provider: 'azure', model: 'embed-b', base_url: fake.azureBaseURL },
        ],
      },
      { env, kind: 'embedding' },
    );
    const result = await embedMany({ model, values: ['x', 'y'], maxRetries: 0 });
    expect(result.embeddings).toEqual([canonicalEmbedding('embed-b', 'x'), canonicalEmbedding('embed-b', 'y')]);
    expect(fake.requests.map(request => `${request.provider} ${request.api} ${request.model} ${request.step}`)).toEqual(
      ['openai embeddings embed-a quota', 'azure embeddings embed-b ok'],
    );
  });

  it('a transcription chain from data', async () => {
    fake.setScript({ 'stt-a': ['rate-limit', 'rate-limit', 'rate-limit'] });
    const model = fallbackFromConfig(
      {
        kind: 'transcription',
        backoff: { initial_delay_ms: 1, max_delay_ms: 2 },
        providers: [
          { provider: 'openai', model: 'stt-a', base_url: fake.openaiBaseURL },
          { provider: 'openai', model: 'stt-b', base_url: fake.openaiBaseURL },
        ],
      },
      { env, kind: 'transcription' },
    );
    const result = await transcribe({ model, audio: new Uint8Array([1, 2, 3]), maxRetries: 0 });
    expect(result.text).toBe(canonicalAnswer('stt-b'));
  });

  it.each([
    [
      'the config and options.kind disagree',
      () => fallbackFromConfig({ kind: 'image', providers: [{ provider: 'openai', model: 'a' }] }, { env }),
      'kind: the config holds image models, but options.kind expects language models; say the same in both',
    ],
    [
      'a chat-only field on an entry of another kind',
      () =>
        fallbackFromConfig(
          { kind: 'embedding', providers: [{ provider: 'openai', model: 'a', max_tokens: 10 }] },
          { env, kind: 'embedding' },
        ),
      'providers[0].max_tokens: only language models take maxTokens',
    ],
    [
      'a provider package without models of the kind',
      () =>
        fallbackFromConfig(
          { kind: 'speech', providers: [{ provider: 'openrouter', model: 'a' }] },
          { env: { OPENROUTER_API_KEY: 'test-key' }, kind: 'speech' },
        ),
      'the openrouter provider package has no speech models',
    ],
    [
      'a kind that is not one',
      () => fallbackFromConfig({ kind: 'embeddings', providers: [{ provider: 'openai', model: 'a' }] }, { env }),
      "kind: expected one of 'language', 'embedding', 'image', 'reranking', 'speech', 'transcription', 'video' (did you mean 'embedding'?)",
    ],
  ])('refused when %s', (_label, run, message) => {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(FallbackConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(message);
  });
});
