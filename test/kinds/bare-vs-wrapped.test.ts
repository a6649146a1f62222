import { createOpenAI } from '@ai-sdk/openai';
import { embedMany, generateImage, generateSpeech, transcribe } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';

// When nothing fails, the AI SDK observes through the chain exactly what it observes with the bare
// model, except `providerMetadata.fallback`; and the provider receives the same request.

let fake: FakeProvider;
let openai: ReturnType<typeof createOpenAI>;
beforeAll(async () => {
  fake = await startFakeProvider();
  openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

/**
 * The observation with dates and `fallback` records taken out (they are the only differences
 * allowed); provider metadata left empty reads as absent (the AI SDK gives `{}` for none on some calls).
 */
function normalized(value: unknown, key?: string): unknown {
  // Dates, and the HTTP `date` header, differ when the two calls straddle a second.
  if (value instanceof Date || key === 'date') return 'date';
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(item => normalized(item));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([name]) => name !== 'fallback');
  if (entries.length === 0 && key === 'providerMetadata') return undefined;
  return Object.fromEntries(entries.map(([name, inner]) => [name, normalized(inner, name)]));
}

async function observe<MODEL>(bare: MODEL, run: (model: MODEL) => Promise<unknown>) {
  const observed = [];
  for (const model of [bare, withFallback([bare as never]) as MODEL]) {
    fake.reset();
    const result = await run(model);
    const requests = fake.requests.map(request => ({ path: request.path, body: request.body }));
    observed.push({ result: normalized(result), requests });
  }
  return observed;
}

describe('bare against wrapped, through the real @ai-sdk/openai', () => {
  it('embedMany', async () => {
    const [bare, wrapped] = await observe(openai.embedding('embed-a'), async model => {
      const result = await embedMany({ model, values: ['a', 'b'], maxRetries: 0 });
      return {
        embeddings: result.embeddings,
        usage: result.usage,
        providerMetadata: result.providerMetadata,
        responses: result.responses,
        warnings: result.warnings,
      };
    });
    expect(wrapped).toEqual(bare);
  });

  it('generateImage', async () => {
    const [bare, wrapped] = await observe(openai.image('dall-e-2'), async model => {
      const result = await generateImage({ model, prompt: 'a fox', n: 2, maxRetries: 0 });
      return {
        images: result.images.map(image => image.base64),
        providerMetadata: result.providerMetadata,
        responses: result.responses,
        warnings: result.warnings,
        usage: result.usage,
      };
    });
    expect(wrapped).toEqual(bare);
  });

  it('generateSpeech', async () => {
    const [bare, wrapped] = await observe(openai.speech('tts-1'), async model => {
      const result = await generateSpeech({ model, text: 'Hello', voice: 'alloy', maxRetries: 0 });
      return {
        audio: result.audio.base64,
        warnings: result.warnings,
        responses: result.responses,
        providerMetadata: result.providerMetadata,
      };
    });
    expect(wrapped).toEqual(bare);
  });

  it('transcribe', async () => {
    const [bare, wrapped] = await observe(openai.transcription('whisper-1'), async model => {
      const result = await transcribe({ model, audio: new Uint8Array([1, 2, 3]), maxRetries: 0 });
      const { text, segments, language, durationInSeconds, warnings, responses, providerMetadata } = result;
      return { text, segments, language, durationInSeconds, warnings, responses, providerMetadata };
    });
    expect(wrapped!.result).toEqual(bare!.result);
    // A multipart body is not JSON: the recorded body is undefined for both.
    expect(wrapped!.requests.map(request => request.path)).toEqual(bare!.requests.map(request => request.path));
  });
});
