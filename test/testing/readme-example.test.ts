// The README's testing-kit example, run as written (imports from src instead of the package).
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { afterAll, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { canonicalAnswer, startFakeProvider } from '../../src/testing/index';

const fake = await startFakeProvider({ script: { 'gpt-4o': [{ status: 429, retryAfter: 2 }] } });
afterAll(() => fake.close());

it('moves on to Azure at once when OpenAI asks for a longer wait than maxRetryAfterMs', async () => {
  const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' });
  const azure = createAzure({ baseURL: fake.azureBaseURL, apiKey: 'test' });
  const model = withFallback([openai.chat('gpt-4o'), azure.chat('my-deployment')], { maxRetryAfterMs: 1000 });

  const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });

  expect(text).toBe(canonicalAnswer('my-deployment'));
  expect(fake.requests.map(r => `${r.provider} ${r.step}`)).toEqual(['openai status 429', 'azure ok']);
});
