/*
 * Type tests, compiled by `npm run typecheck` (tsc includes test/) and never
 * run: the model withFallback returns is accepted by the generateText /
 * streamText of its AI SDK major, without casts, and refused by the others.
 */

import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAI as createOpenAIV1 } from '@ai-sdk/openai-v1';
import { createOpenAI as createOpenAIV2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAIV3 } from '@ai-sdk/openai-v3';
import { generateText, type LanguageModel, streamText } from 'ai';
import { generateText as generateText4, type LanguageModel as LanguageModel4, streamText as streamText4 } from 'ai-v4';
import { generateText as generateText5, type LanguageModel as LanguageModel5, streamText as streamText5 } from 'ai-v5';
import { generateText as generateText6, type LanguageModel as LanguageModel6, streamText as streamText6 } from 'ai-v6';
import { expectTypeOf } from 'vitest';
import { type FallbackLanguageModel, withFallback } from '../../src/index';

const openai1 = createOpenAIV1();
const openai2 = createOpenAIV2();
const openai3 = createOpenAIV3();
const openai4 = createOpenAI();

// AI SDK 4: V1 entries, bare and as entries, of different model classes.
const v1 = withFallback(
  [
    openai1('gpt-4o'),
    { model: openai1.responses('gpt-4o'), catchErrors: ['all'] },
    openai1.completion('gpt-3.5-turbo-instruct'),
  ],
  { maxRetriesPerModel: 1 },
);
expectTypeOf(v1.specificationVersion).toEqualTypeOf<'v1'>();
expectTypeOf(v1).toExtend<LanguageModel4>();
export const ai4Calls = () => [
  generateText4({ model: v1, prompt: 'hi', maxRetries: 0 }),
  streamText4({ model: v1, prompt: 'hi', maxRetries: 0 }),
];

// AI SDK 5: V2 entries.
const v2 = withFallback([openai2.chat('gpt-4o'), { model: openai2.responses('gpt-4o'), maxRetries: 0 }]);
expectTypeOf(v2.specificationVersion).toEqualTypeOf<'v2'>();
expectTypeOf(v2).toExtend<LanguageModel5>();
export const ai5Calls = () => [
  generateText5({ model: v2, prompt: 'hi', maxRetries: 0 }),
  streamText5({ model: v2, prompt: 'hi', maxRetries: 0 }),
];

// AI SDK 6: V3 entries, and V2 + V3 lifted to V3.
const v3 = withFallback([openai3('gpt-4o'), { model: openai3.chat('gpt-4o'), catchErrors: ['rate-limit'] }]);
const v2v3 = withFallback([openai2.chat('gpt-4o'), { model: openai3.responses('gpt-4o') }]);
expectTypeOf(v3.specificationVersion).toEqualTypeOf<'v3'>();
expectTypeOf(v2v3.specificationVersion).toEqualTypeOf<'v3'>();
expectTypeOf(v3).toExtend<LanguageModel6>();
expectTypeOf(v2v3).toExtend<LanguageModel6>();
export const ai6Calls = () => [
  generateText6({ model: v3, prompt: 'hi', maxRetries: 0 }),
  streamText6({ model: v2v3, prompt: 'hi', maxRetries: 0 }),
];

// AI SDK 7: V4 entries, and V2 + V3 + V4 lifted to V4.
const v4 = withFallback([openai4('gpt-4o'), openai4.chat('gpt-4o')]);
const mixed = withFallback([openai2.chat('gpt-4o'), openai3.chat('gpt-4o'), { model: openai4('gpt-4o') }]);
expectTypeOf(v4.specificationVersion).toEqualTypeOf<'v4'>();
expectTypeOf(mixed.specificationVersion).toEqualTypeOf<'v4'>();
expectTypeOf(v4).toExtend<LanguageModel>();
expectTypeOf(mixed).toExtend<LanguageModel>();
export const ai7Calls = () => [
  generateText({ model: v4, prompt: 'hi', maxRetries: 0 }),
  streamText({ model: mixed, prompt: 'hi', maxRetries: 0 }),
];

// Code typed against the V4-only signature keeps compiling.
expectTypeOf<ReturnType<typeof withFallback>>().toExtend<LanguageModel>();
expectTypeOf<FallbackLanguageModel<ReturnType<typeof openai4>>>().toExtend<LanguageModel>();

// Each major refuses the others' models.
expectTypeOf(v2).not.toExtend<LanguageModel4>();
expectTypeOf(v3).not.toExtend<LanguageModel5>();
expectTypeOf(v1).not.toExtend<LanguageModel>();
export const refused = () => [
  // @ts-expect-error AI SDK 4 takes only V1 models
  generateText4({ model: v2, prompt: 'hi' }),
  // @ts-expect-error AI SDK 5 takes only V2 models
  generateText5({ model: v3, prompt: 'hi' }),
  // @ts-expect-error AI SDK 6 does not take V4 models
  generateText6({ model: v4, prompt: 'hi' }),
  // @ts-expect-error AI SDK 7 does not take V1 models
  generateText({ model: v1, prompt: 'hi' }),
  // @ts-expect-error V1 cannot be mixed with later specs
  withFallback([openai1('gpt-4o'), openai4('gpt-4o')]),
  // @ts-expect-error not a model
  withFallback([{ model: 'gpt-4o' }]),
];
