import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type FallbackMetadata, withFallback } from '../../src/index';
import { partsStream, usage } from '../helpers/mock-models';

const finish: LanguageModelV4StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };

/** A model that answers with nothing at all, reporting 3 input and 5 output tokens. */
function emptyModel(modelId: string) {
  return new MockLanguageModelV4({
    modelId,
    doGenerate: async () => ({ content: [], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] }),
    doStream: async () => ({ stream: partsStream([{ type: 'stream-start', warnings: [] }, finish]) }),
  });
}

const fallbackOf = (metadata: unknown) => (metadata as { fallback: FallbackMetadata }).fallback;

describe('usage accounting: every attempt counted once', () => {
  it.each([1, 2])('generate: %i empty answers, the last handed on, bill their own tokens once each', async count => {
    const models = Array.from({ length: count }, (_, index) => emptyModel(`empty-${index}`));
    const result = await generateText({ model: withFallback(models), prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe('');
    const fallback = fallbackOf(result.providerMetadata);
    expect(fallback.caught.map(caught => caught.usage)).toEqual(
      models.map(() => ({ inputTokens: 3, outputTokens: 5 })),
    );
    expect(fallback.totalUsage).toEqual({ inputTokens: 3 * count, outputTokens: 5 * count });
  });

  it.each([1, 2])('stream: %i empty answers, the last handed on, bill their own tokens once each', async count => {
    const models = Array.from({ length: count }, (_, index) => emptyModel(`empty-${index}`));
    const result = streamText({ model: withFallback(models), prompt: 'hi', maxRetries: 0, onError: () => {} });
    await result.consumeStream();
    const fallback = fallbackOf(await result.providerMetadata);
    expect(fallback.totalUsage).toEqual({ inputTokens: 3 * count, outputTokens: 5 * count });
  });
});
