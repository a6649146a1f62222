import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAI as createOpenAIV1 } from '@ai-sdk/openai-v1';
import { createOpenAI as createOpenAIV2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAIV3 } from '@ai-sdk/openai-v3';
import { generateText, streamText } from 'ai';
import { generateText as generateTextV4 } from 'ai-v4';
import { generateText as generateTextV6, streamText as streamTextV6 } from 'ai-v6';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { canonicalAnswer } from '../../src/testing/canonical-answer';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { fallbackOf } from './kit';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setScript({});
  fake.reset();
});

const settings = () => ({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });

describe('chains that mix spec versions', () => {
  it('V2 and V3 entries make a V3 model that AI SDK 6 runs, with V2 results converted', async () => {
    fake.setScript({ 'v3-primary': ['rate-limit'] });
    const model = withFallback(
      [createOpenAIV3(settings()).chat('v3-primary'), createOpenAIV2(settings()).chat('v2-backup')],
      { maxRetriesPerModel: 0 },
    );
    expect(model.specificationVersion).toBe('v3');

    const generated = await generateTextV6({ model, prompt: 'Say hello.', maxRetries: 0 });
    expect(generated.text).toBe(canonicalAnswer('v2-backup'));
    // What AI SDK 6 reads from a V3 result: the V2 backup's string finish reason and flat usage, converted.
    expect(generated.finishReason).toBe('stop');
    expect(generated.usage.outputTokens).toBeGreaterThan(0);
    expect(fallbackOf(generated.providerMetadata)?.servedBy.modelId).toBe('v2-backup');

    fake.reset();
    const streamed = streamTextV6({ model, prompt: 'Say hello.', maxRetries: 0, onError: () => {} });
    expect(await streamed.text).toBe(canonicalAnswer('v2-backup'));
    expect(await streamed.finishReason).toBe('stop');
    expect((await streamed.usage).outputTokens).toBeGreaterThan(0);
  });

  it('V2, V3 and V4 entries make a V4 model that AI SDK 7 runs', async () => {
    fake.setScript({ 'v4-primary': ['rate-limit'], 'v3-second': ['rate-limit'] });
    const model = withFallback(
      [
        createOpenAI(settings()).chat('v4-primary'),
        createOpenAIV3(settings()).chat('v3-second'),
        createOpenAIV2(settings()).responses('v2-third'),
      ],
      { maxRetriesPerModel: 0 },
    );
    expect(model.specificationVersion).toBe('v4');

    const generated = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
    expect(generated.text).toBe(canonicalAnswer('v2-third'));
    expect(generated.finishReason).toBe('stop');

    fake.reset();
    fake.setScript({ 'v4-primary': ['rate-limit'], 'v3-second': ['rate-limit'] });
    const streamed = streamText({ model, prompt: 'Say hello.', maxRetries: 0, onError: () => {} });
    expect(await streamed.text).toBe(canonicalAnswer('v2-third'));
    expect(fallbackOf(await streamed.providerMetadata)?.caught.map(caught => caught.modelId)).toEqual([
      'v4-primary',
      'v3-second',
    ]);
  });

  it('refuses V1 mixed with a later spec, naming both entries and what to do', () => {
    const v1 = createOpenAIV1(settings()).chat('v1-model');
    const v4 = createOpenAI(settings()).chat('v4-model');
    // The overloads refuse this at compile time too (see types.test-d.ts); the cast reaches the runtime check.
    const mixed = [v1, { model: v4 }] as never;
    expect(() => withFallback(mixed)).toThrow(
      /models\[0\] is a LanguageModelV1 \(AI SDK 4\) model and models\[1\] is a LanguageModelV4 \(AI SDK 7\) model; a chain cannot mix V1 with later specs.*Use models from the provider packages of the one AI SDK major/,
    );
  });
});

describe('call options per spec version', () => {
  it('V1 entries get maxOutputTokens as maxTokens and providerOptions as providerMetadata', async () => {
    const openai = createOpenAIV1(settings());
    const model = withFallback([
      {
        model: openai.chat('v1-model'),
        settings: { maxOutputTokens: 7, temperature: 0.25, providerOptions: { openai: { store: true } } },
      },
    ]);
    await generateTextV4({ model, prompt: 'Say hello.', maxRetries: 0 });
    expect(fake.requestsFor('v1-model')[0]?.body).toMatchObject({ max_tokens: 7, temperature: 0.25, store: true });
  });

  it('refuses a reasoning setting on a V3 chain, which has no such call option', () => {
    const openai = createOpenAIV3(settings());
    expect(() =>
      withFallback([openai.chat('a'), { model: openai.chat('b'), settings: { reasoning: 'high' } }]),
    ).toThrow(
      "withFallback: models[1].settings.reasoning: LanguageModelV3 (AI SDK 6) models have no 'reasoning' call option; set it through providerOptions instead",
    );
  });
});

describe('V1 capabilities are claimed only as far as every entry has them', () => {
  it('downloads images for the whole chain when one entry cannot take image URLs', () => {
    const openai = createOpenAIV1(settings());
    expect(withFallback([openai.chat('a'), openai.responses('b')]).supportsImageUrls).toBe(true);
    expect(withFallback([openai.chat('a'), openai.chat('b', { downloadImages: true })]).supportsImageUrls).toBe(false);
  });

  it('claims structured outputs and an object mode only when every entry can serve them', () => {
    const openai = createOpenAIV1(settings());
    const structured = withFallback([openai.chat('a', { structuredOutputs: true }), openai.responses('b')]);
    expect(structured.supportsStructuredOutputs).toBe(true);
    expect(structured.defaultObjectGenerationMode).toBe('json');

    const differing = withFallback([openai.chat('a'), openai.responses('b')]);
    expect(differing.supportsStructuredOutputs).toBe(false);
    expect(differing.defaultObjectGenerationMode).toBe('tool');

    const withoutObjects = withFallback([openai.chat('a'), openai.completion('b')]);
    expect(withoutObjects.defaultObjectGenerationMode).toBeUndefined();
  });

  it('with enabled: false, is the V1 primary itself', async () => {
    const primary = createOpenAIV1(settings()).chat('v1-primary');
    const model = withFallback([primary, createOpenAIV1(settings()).chat('v1-backup')], { enabled: false });
    expect(model).toBe(primary);
    const { text } = await generateTextV4({ model, prompt: 'Say hello.', maxRetries: 0 });
    expect(text).toBe(canonicalAnswer('v1-primary'));
  });
});
