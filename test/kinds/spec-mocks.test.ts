import { APICallError, type Experimental_VideoModelV4 } from '@ai-sdk/provider';
import { embedMany, experimental_generateVideo as generateVideo, rerank, transcribe } from 'ai';
import { MockEmbeddingModelV4, MockRerankingModelV4, MockTranscriptionModelV4, MockVideoModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type FallbackCallContext, FallbackExhaustedError, withFallback } from '../../src/index';

// Reranking and video: no provider package here has them, so spec-level mocks (`ai/test`) stand in,
// called by the real `rerank` and `experimental_generateVideo` of ai@7.

const response = { timestamp: new Date(0), modelId: 'mock', headers: undefined };
const unavailable = (url: string) =>
  new APICallError({ message: 'Service Unavailable', url, requestBodyValues: {}, statusCode: 503, isRetryable: true });
const noRetries = { maxRetriesPerModel: 0 } as const;

describe('reranking', () => {
  const reranker = (modelId: string, fail: boolean) =>
    new MockRerankingModelV4({
      provider: 'mock',
      modelId,
      doRerank: async ({ documents }) => {
        if (fail) throw unavailable(`https://rerank.test/${modelId}`);
        const ranking = documents.values.map((_, index) => ({ index, relevanceScore: 1 - index / 10 })).reverse();
        return { ranking, providerMetadata: { mock: { modelId } } };
      },
    });

  it('rerank falls back on a 503 and carries providerMetadata.fallback', async () => {
    const operations: FallbackCallContext['operation'][] = [];
    const model = withFallback([reranker('first', true), reranker('second', false)], {
      ...noRetries,
      onFallback: event => operations.push(event.operation),
    });
    const result = await rerank({ model, documents: ['a', 'b', 'c'], query: 'q', maxRetries: 0 });
    expect(result.ranking.map(item => item.originalIndex)).toEqual([2, 1, 0]);
    expect(result.providerMetadata?.fallback).toMatchObject({ servedBy: { modelId: 'second' }, attempts: 2 });
    expect(operations).toEqual(['rerank']);
  });

  it('both fail: FallbackExhaustedError with both attempts', async () => {
    const model = withFallback([reranker('first', true), reranker('second', true)], noRetries);
    const error = await rerank({ model, documents: ['a'], query: 'q', maxRetries: 0 }).catch(caught => caught);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).attempts.map(attempt => attempt.modelId)).toEqual(['first', 'second']);
  });
});

describe('video', () => {
  const video = (modelId: string, fail: boolean, maxVideosPerCall?: number) =>
    new MockVideoModelV4({
      provider: 'mock',
      modelId,
      maxVideosPerCall,
      doGenerate: async ({ n }) => {
        if (fail) throw unavailable(`https://video.test/${modelId}`);
        const videos = Array.from({ length: n }, () => ({
          type: 'base64' as const,
          data: 'AAAA',
          mediaType: 'video/mp4',
        }));
        return { videos, warnings: [], response: { ...response, modelId } };
      },
    });

  it('experimental_generateVideo falls back on a 503; maxVideosPerCall is the smallest of the entries', async () => {
    const model = withFallback([video('first', true, 4), video('second', false, 2)], noRetries);
    expect(model.maxVideosPerCall).toBe(2);
    const result = await generateVideo({ model, prompt: 'a fox', n: 3, maxRetries: 0 });
    expect(result.videos).toHaveLength(3);
    expect(result.responses.map(item => item.modelId)).toEqual(['second', 'second']);
  });

  it('a model that only starts operations to poll is refused at construction', () => {
    const polled: Experimental_VideoModelV4 = {
      specificationVersion: 'v4',
      provider: 'mock',
      modelId: 'polled',
      maxVideosPerCall: 1,
      doStart: async () => ({ operation: 'op-1', warnings: [], response }),
      doStatus: async () => ({ status: 'pending', response }),
    };
    expect(() => withFallback([video('first', false), polled])).toThrow(
      'withFallback: models[1].model has no doGenerate (only doStart/doStatus): the chain falls back over one request, not a polled operation',
    );
  });
});

describe('embedding capabilities', () => {
  const embedder = (
    modelId: string,
    maxEmbeddingsPerCall: number | PromiseLike<number>,
    supportsParallelCalls: boolean,
  ) =>
    new MockEmbeddingModelV4({
      provider: 'mock',
      modelId,
      maxEmbeddingsPerCall,
      supportsParallelCalls,
      doEmbed: async ({ values }) => ({ embeddings: values.map(value => [value.length, 0]), warnings: [] }),
    });

  it('maxEmbeddingsPerCall is the smallest (promises awaited), supportsParallelCalls only when every entry does', async () => {
    const model = withFallback([embedder('a', 10, true), embedder('b', Promise.resolve(2), false)]);
    expect(await model.maxEmbeddingsPerCall).toBe(2);
    expect(model.supportsParallelCalls).toBe(false);
    const result = await embedMany({ model, values: ['a', 'bb', 'ccc', 'dddd', 'eeeee'], maxRetries: 0 });
    expect(result.embeddings.map(vector => vector[0])).toEqual([1, 2, 3, 4, 5]);
    expect(result.responses).toHaveLength(3);
    expect(withFallback([embedder('a', 10, true), embedder('b', 20, true)]).supportsParallelCalls).toBe(true);
  });
});

describe('speech and transcription share one shape', () => {
  const transcriber = (modelId: string, fail: boolean) =>
    new MockTranscriptionModelV4({
      provider: 'mock',
      modelId,
      doGenerate: async () => {
        if (fail) throw unavailable(`https://stt.test/${modelId}`);
        return {
          text: `heard by ${modelId}`,
          segments: [],
          language: 'en',
          durationInSeconds: 1,
          warnings: [],
          response,
        };
      },
    });

  it('without kind, a transcription chain still reports its calls as transcribe', async () => {
    const operations: FallbackCallContext['operation'][] = [];
    const model = withFallback([transcriber('first', true), transcriber('second', false)], {
      ...noRetries,
      onSuccess: event => operations.push(event.operation),
    });
    const result = await transcribe({ model, audio: new Uint8Array([1, 2]), maxRetries: 0 });
    expect(result.text).toBe('heard by second');
    expect(operations).toEqual(['transcribe']);
  });

  it('a kind that does not fit an entry is refused, naming the entry', () => {
    expect(() => withFallback([transcriber('first', false)], { kind: 'embedding' })).toThrow(
      "withFallback: models[0] is a speech or transcription model, but the chain's kind is 'embedding'",
    );
  });
});
