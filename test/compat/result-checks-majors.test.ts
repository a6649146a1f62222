import { createOpenAI as createOpenAIv1 } from '@ai-sdk/openai-v1';
import { createOpenAI as createOpenAIv2 } from '@ai-sdk/openai-v2';
import { createOpenAI as createOpenAIv3 } from '@ai-sdk/openai-v3';
import { generateObject as generateObject4, jsonSchema as jsonSchema4, streamObject as streamObject4 } from 'ai-v4';
import { generateObject as generateObject5, jsonSchema as jsonSchema5 } from 'ai-v5';
import { generateObject as generateObject6, jsonSchema as jsonSchema6 } from 'ai-v6';
import { describe, expect, it } from 'vitest';
import { type FallbackMetadata, withFallback } from '../../src/index';
import { fakeProviderForFile } from '../integration/helpers';

// The JSON checks in every spec version: AI SDK 4 asks with `mode: { type: 'object-json' }`
// (LanguageModelV1), AI SDK 5 and 6 with `responseFormat` (V2, V3). The primary's JSON misses a
// required field; the backup's object is the result.
const fake = fakeProviderForFile();

const SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'number' } },
  required: ['name', 'age'],
  additionalProperties: false,
} as const;
type Person = { name: string; age: number };
const script = () => fake.setScript({ cheap: 'json:{"name":"Ada"}', better: 'json:{"name":"Ada","age":36}' });
const caughtOf = (metadata: unknown) =>
  ((metadata as { fallback?: FallbackMetadata } | undefined)?.fallback?.caught ?? []).map(caught => [
    caught.type,
    caught.message,
  ]);
const EXPECTED_CAUGHT = [['invalid-output', expect.stringContaining('schema: /age is required')]];

describe('a schema the primary misses, in every AI SDK major', () => {
  it('AI SDK 4 generateObject (mode object-json, V1)', async () => {
    script();
    const openai = createOpenAIv1({ baseURL: fake.openaiBaseURL, apiKey: 'k' });
    const model = withFallback([openai.chat('cheap'), openai.chat('better')]);
    const result = await generateObject4({
      model,
      mode: 'json',
      schema: jsonSchema4<Person>(SCHEMA),
      prompt: 'Who?',
      maxRetries: 0,
    });
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expect(caughtOf(result.providerMetadata)).toEqual(EXPECTED_CAUGHT);
  });

  it("AI SDK 4 streamObject with commit 'finish' (V1 stream)", async () => {
    script();
    const openai = createOpenAIv1({ baseURL: fake.openaiBaseURL, apiKey: 'k' });
    const model = withFallback([openai.chat('cheap'), openai.chat('better')], { commit: 'finish' });
    const result = streamObject4({
      model,
      mode: 'json',
      schema: jsonSchema4<Person>(SCHEMA),
      prompt: 'Who?',
      maxRetries: 0,
    });
    // AI SDK 4 settles its promises once the stream is read.
    const partials: unknown[] = [];
    for await (const partial of result.partialObjectStream) partials.push(partial);
    expect(partials.at(-1)).toEqual({ name: 'Ada', age: 36 });
    expect(await result.object).toEqual({ name: 'Ada', age: 36 });
    expect(caughtOf(await result.providerMetadata)).toEqual(EXPECTED_CAUGHT);
  });

  it('AI SDK 5 generateObject (responseFormat, V2)', async () => {
    script();
    const openai = createOpenAIv2({ baseURL: fake.openaiBaseURL, apiKey: 'k' });
    const model = withFallback([openai.chat('cheap'), openai.chat('better')]);
    const result = await generateObject5({ model, schema: jsonSchema5<Person>(SCHEMA), prompt: 'Who?', maxRetries: 0 });
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expect(caughtOf(result.providerMetadata)).toEqual(EXPECTED_CAUGHT);
  });

  it('AI SDK 6 generateObject (responseFormat, V3)', async () => {
    script();
    const openai = createOpenAIv3({ baseURL: fake.openaiBaseURL, apiKey: 'k' });
    const model = withFallback([openai.chat('cheap'), openai.chat('better')]);
    const result = await generateObject6({ model, schema: jsonSchema6<Person>(SCHEMA), prompt: 'Who?', maxRetries: 0 });
    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    expect(caughtOf(result.providerMetadata)).toEqual(EXPECTED_CAUGHT);
  });
});
