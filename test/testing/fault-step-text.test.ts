import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { type FakeStep, fakeProviderFetch } from '../../src/testing/index';
import { collectStream, modelsFor } from './helpers';

const REAL_LOOKING_URLS = {
  openaiBaseURL: 'https://api.openai.com/v1',
  azureBaseURL: 'https://fake-resource.openai.azure.com/openai',
  openrouterBaseURL: 'https://openrouter.ai/api/v1',
};
const TEXT = 'A custom answer that the fault steps send instead of the canonical one.';

function streamWith(step: FakeStep) {
  const fetch = fakeProviderFetch({ m: [step] });
  return { fetch, outcome: collectStream(modelsFor({ ...REAL_LOOKING_URLS, fetch }, 'm')['openai chat']) };
}

describe('fault steps with their own text', () => {
  it('cutAfterTokens sends the first words of the given text, then cuts', async () => {
    const { fetch, outcome } = streamWith({ cutAfterTokens: 3, text: TEXT });
    const { deltas, errors, thrown, finishReason } = await outcome;

    expect(deltas).toHaveLength(3);
    expect(TEXT.startsWith(deltas.join(''))).toBe(true);
    expect(thrown ?? errors[0]).toBeDefined();
    expect(finishReason).not.toBe('stop');
    expect(fetch.requests[0]!.step).toBe('cutAfterTokens 3');
  });

  it('errorAfterTokens, firstTokenDelayMs and stallAfterTokens stream the given text', async () => {
    const beforeError = (await streamWith({ errorAfterTokens: 2, text: TEXT }).outcome).deltas;
    expect(beforeError).toHaveLength(2);
    expect(TEXT.startsWith(beforeError.join(''))).toBe(true);
    expect((await streamWith({ firstTokenDelayMs: 1, text: TEXT }).outcome).text).toBe(TEXT);
    expect((await streamWith({ stallAfterTokens: 2, forMs: 1, text: TEXT }).outcome).text).toBe(TEXT);
  });

  it('headersDelayMs answers a non-streaming call with the given text', async () => {
    const fetch = fakeProviderFetch({ m: { headersDelayMs: 1, text: TEXT } });
    const result = await generateText({
      model: modelsFor({ ...REAL_LOOKING_URLS, fetch }, 'm')['azure chat'],
      prompt: 'x',
      maxRetries: 0,
    });
    expect(result.text).toBe(TEXT);
    expect(fetch.requests[0]!.step).toBe('headersDelayMs 1');
  });
});
