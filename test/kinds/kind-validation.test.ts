import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAI as createOpenAIV2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAIV3 } from '@ai-sdk/openai-v3';
import { MockEmbeddingModelV4, MockLanguageModelV4, MockSpeechModelV4, MockTranscriptionModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { FallbackConfigError } from '../../src/config/index';
import { withFallback } from '../../src/index';
import { detectKind } from '../../src/versions/kinds/model-kind';

const openai = createOpenAI({ apiKey: 'test-key' });
const openai2 = createOpenAIV2({ apiKey: 'test-key' });
const openai3 = createOpenAIV3({ apiKey: 'test-key' });

describe('detectKind: the kind from the shape, whatever the version', () => {
  it.each([
    ['a V4 language model', new MockLanguageModelV4(), 'language'],
    ['an openai@4 chat model', openai.chat('gpt-4o'), 'language'],
    ['an openai@2 embedding model (V2)', openai2.embedding('e'), 'embedding'],
    ['an openai@3 embedding model (V3)', openai3.embedding('e'), 'embedding'],
    ['an openai@4 embedding model', openai.embedding('e'), 'embedding'],
    ['an openai@2 image model (V2)', openai2.image('dall-e-3'), 'image'],
    ['an openai@4 image model', openai.image('dall-e-3'), 'image'],
    ['an openai@4 speech model', openai.speech('tts-1'), 'audio'],
    [
      'an openai@4 transcription model (doGenerate and doStream, no supportedUrls)',
      openai.transcription('whisper-1'),
      'audio',
    ],
    ['a mock speech model', new MockSpeechModelV4(), 'audio'],
    ['a mock transcription model', new MockTranscriptionModelV4(), 'audio'],
    ['a reranking model', { specificationVersion: 'v4', doRerank: () => {} }, 'reranking'],
    ['a video model', { specificationVersion: 'v4', maxVideosPerCall: 1, doGenerate: () => {} }, 'video'],
    ['a V1 language model', { specificationVersion: 'v1', doGenerate: () => {}, doStream: () => {} }, 'language'],
    ['an object without specificationVersion', { doEmbed: () => {} }, undefined],
    ['a string', 'gpt-4o', undefined],
  ])('%s', (_label, model, kind) => {
    expect(detectKind(model)).toBe(kind);
  });
});

function configError(run: () => unknown): FallbackConfigError {
  try {
    run();
  } catch (error) {
    if (FallbackConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a FallbackConfigError');
}

describe('settings of each kind are validated at construction, naming the field', () => {
  it.each([
    [
      'a language setting on an embedding entry',
      () => withFallback([{ model: openai.embedding('e'), settings: { temperature: 0 } as never }]),
      "models[0].settings.temperature: unknown option; expected one of 'headers', 'providerOptions', 'dimensions'",
    ],
    [
      "the caller's values",
      () => withFallback([{ model: openai.embedding('e'), settings: { values: ['x'] } as never }]),
      "models[0].settings.values: 'values' is the caller's: the chain does not let an entry replace it; set it in the call",
    ],
    [
      "an image's n (the number of images is the caller's)",
      () => withFallback([{ model: openai.image('dall-e-3'), settings: { n: 2 } as never }]),
      "models[0].settings.n: 'n' is the caller's",
    ],
    [
      'a size that is not WIDTHxHEIGHT',
      () => withFallback([{ model: openai.image('dall-e-3'), settings: { size: 'large' as never } }]),
      "models[0].settings.size: expected a size like '1024x1024'",
    ],
    [
      'a misspelt speech setting',
      () => withFallback([{ model: openai.speech('tts-1'), settings: { voise: 'nova' } as never }]),
      "models[0].settings.voise: unknown option (did you mean 'voice'?)",
    ],
    [
      'dimensions of a V2 embedding model, which has no such call option',
      () => withFallback([{ model: openai2.embedding('e'), settings: { dimensions: 4 } as never }]),
      "models[0].settings.dimensions: embedding models of 'v2' have no 'dimensions' call option; set it through providerOptions instead",
    ],
    [
      'a stream clock on an entry',
      () => withFallback([{ model: openai.embedding('e'), timeouts: { firstChunkMs: 10 } as never }]),
      'models[0].timeouts.firstChunkMs: a stream clock: embedding calls do not stream; requestMs is their clock',
    ],
    [
      'a stream clock on the chain',
      () => withFallback([openai.image('dall-e-3')], { timeouts: { chunkIdleMs: 10 } }),
      'config.timeouts.chunkIdleMs: a stream clock: image calls do not stream; use requestMs and totalMs',
    ],
    [
      'midStream on a transcription chain',
      () => withFallback([openai.transcription('whisper-1')], { midStream: 'continue' }),
      'config.midStream: applies to streams: speech and transcription calls do not stream',
    ],
    [
      "commit, which judges language models' answers",
      () => withFallback([openai.embedding('e')], { commit: 'finish' }),
      "config.commit: applies to language models' answers, not to embedding results",
    ],
    [
      'hedge on an embedding chain',
      () => withFallback([openai.embedding('e'), openai.embedding('f')], { hedge: { afterMs: 100 } }),
      'config.hedge: hedged requests are for language models; embedding chains do not hedge yet',
    ],
    [
      'a kind with a plural spelling',
      () => withFallback([openai.embedding('e')], { kind: 'embeddings' as never }),
      "config.kind: expected one of 'language', 'embedding', 'image', 'reranking', 'speech', 'transcription', 'video' (did you mean 'embedding'?)",
    ],
    [
      'allowMixedDimensions that is not a boolean',
      () => withFallback([openai.embedding('e')], { allowMixedDimensions: 'yes' as never }),
      'config.allowMixedDimensions: expected true or false',
    ],
  ])('%s', (_label, run, message) => {
    expect(configError(run).message).toContain(message);
  });

  it('a duplicate id is refused as for language entries', () => {
    expect(() =>
      withFallback([
        { model: openai.embedding('a'), id: 'x' },
        { model: openai.embedding('b'), id: 'x' },
      ]),
    ).toThrow("withFallback: models[1].id: 'x' is already used by another entry; ids must be unique");
  });
});

describe('versions', () => {
  it('a V3 speech model is refused: speech chains are V4 (AI SDK 7)', () => {
    expect(() => withFallback([openai3.speech('tts-1') as never])).toThrow(
      "withFallback: models[0].model: speech models of specificationVersion 'v3' are not supported; expected 'v4'",
    );
  });

  it('enabled: false gives the primary itself, lifted to the chain version', () => {
    const primary = openai.embedding('e');
    expect(withFallback([primary, openai3.embedding('f')], { enabled: false })).toBe(primary);
  });

  it('mixed kinds are refused before anything else, naming both entries', () => {
    expect(() => withFallback([new MockEmbeddingModelV4(), openai.image('dall-e-3')] as never)).toThrow(
      'withFallback: models[0] is an embedding model and models[1] is an image model; a chain holds models of one kind',
    );
  });
});
