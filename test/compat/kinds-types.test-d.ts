/*
 * Type tests of the other kinds, compiled by `npm run typecheck` and never
 * run: the model withFallback returns for embedding, image, speech,
 * transcription, reranking and video models is accepted by that kind's call
 * of its AI SDK major without casts; a chain mixing kinds does not compile;
 * entry settings are the kind's.
 */

import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAI as createOpenAIV2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAIV3 } from '@ai-sdk/openai-v3';
import type { Experimental_VideoModelV4, RerankingModelV4 } from '@ai-sdk/provider';
import { embed, embedMany, experimental_generateVideo, generateImage, generateSpeech, rerank, transcribe } from 'ai';
import { embedMany as embedMany5, experimental_generateImage as generateImage5 } from 'ai-v5';
import { embedMany as embedMany6, generateImage as generateImage6 } from 'ai-v6';
import { expectTypeOf } from 'vitest';
import { withFallback } from '../../src/index';

const openai2 = createOpenAIV2();
const openai3 = createOpenAIV3();
const openai4 = createOpenAI();
declare const reranker: RerankingModelV4;
declare const video: Experimental_VideoModelV4;

// AI SDK 7: every kind.
const embedding = withFallback(
  [openai4.embedding('a'), { model: openai4.embedding('b'), settings: { dimensions: 256 } }],
  {
    allowMixedDimensions: false,
  },
);
expectTypeOf(embedding.specificationVersion).toEqualTypeOf<'v4'>();
const image = withFallback([
  openai4.image('dall-e-3'),
  { model: openai4.image('gpt-image-1'), settings: { size: '1024x1024' } },
]);
const speech = withFallback([
  openai4.speech('tts-1'),
  { model: openai4.speech('gpt-4o-mini-tts'), settings: { voice: 'nova' } },
]);
const transcription = withFallback([openai4.transcription('whisper-1'), openai4.transcription('gpt-4o-transcribe')]);
const reranking = withFallback([reranker, { model: reranker, id: 'second' }]);
const videos = withFallback([video, { model: video, settings: { duration: 4 } }]);
export const ai7Calls = () => [
  embed({ model: embedding, value: 'hi', maxRetries: 0 }),
  embedMany({ model: embedding, values: ['hi'], maxRetries: 0 }),
  generateImage({ model: image, prompt: 'a fox', maxRetries: 0 }),
  generateSpeech({ model: speech, text: 'hi', maxRetries: 0 }),
  transcribe({ model: transcription, audio: new Uint8Array(), maxRetries: 0 }),
  rerank({ model: reranking, documents: ['a'], query: 'q', maxRetries: 0 }),
  experimental_generateVideo({ model: videos, prompt: 'a fox', maxRetries: 0 }),
];

// AI SDK 5 and 6: embedding and image models; mixed V2 and V3 give a V3 chain.
const embedding5 = withFallback([openai2.embedding('a'), openai2.textEmbedding('b')]);
expectTypeOf(embedding5.specificationVersion).toEqualTypeOf<'v2'>();
const image5 = withFallback([openai2.image('dall-e-3'), openai2.image('dall-e-2')]);
const embedding6 = withFallback([openai3.embedding('a'), openai2.embedding('b')]);
expectTypeOf(embedding6.specificationVersion).toEqualTypeOf<'v3'>();
const image6 = withFallback([openai3.image('dall-e-3'), openai3.image('dall-e-2')]);
export const olderCalls = () => [
  embedMany5({ model: embedding5, values: ['hi'], maxRetries: 0 }),
  generateImage5({ model: image5, prompt: 'a fox', maxRetries: 0 }),
  embedMany6({ model: embedding6, values: ['hi'], maxRetries: 0 }),
  generateImage6({ model: image6, prompt: 'a fox', maxRetries: 0 }),
];

// One kind per chain.
// @ts-expect-error a language model and an embedding model in one chain
withFallback([openai4.chat('gpt-4o'), openai4.embedding('a')]);
// @ts-expect-error a speech model and a transcription model in one chain
withFallback([openai4.speech('tts-1'), openai4.transcription('whisper-1')]);
// @ts-expect-error an image model and an embedding model in one chain
withFallback([openai4.image('dall-e-3'), { model: openai4.embedding('a') }]);

// Each kind's settings: a language setting on an embedding entry, or an image's `n`, does not compile.
// @ts-expect-error temperature is a language model's setting
withFallback([{ model: openai4.embedding('a'), settings: { temperature: 0 } }]);
// @ts-expect-error the number of images is the caller's
withFallback([{ model: openai4.image('dall-e-3'), settings: { n: 2 } }]);

// The chain of one kind is refused by another kind's call.
// @ts-expect-error an embedding chain is not an image model
generateImage({ model: embedding, prompt: 'a fox' });
