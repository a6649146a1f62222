/**
 * `npm run example -- basic`: `generateText` with one fallback.
 *
 * OpenAI is overloaded (503): the chain retries it once, then OpenRouter answers.
 * Runs against the fake provider on 127.0.0.1: no keys, no network.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText } from 'ai';
import { withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

// The fake provider plays both APIs. In your app: createOpenAI() and createOpenRouter() read their keys from the env.
const fake = await startFakeProvider({ script: { 'gpt-4o': 'overloaded' } });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });

try {
  const model = withFallback([openai.chat('gpt-4o'), openrouter.chat('openai/gpt-4o-mini')], {
    maxRetriesPerModel: 1,
    backoff: { initialDelayMs: 100 },
    onRetry: ({ id, attempt, type, statusCode, delayMs }) =>
      console.log(`retry     ${id} attempt ${attempt} failed (${type} ${statusCode}); again in ${delayMs} ms`),
    onFallback: ({ from, to, type }) => console.log(`fallback  ${from.id} -> ${to.id} (${type})`),
  });

  // maxRetries: 0 — the chain owns retries.
  const { text, response } = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });

  console.log(`answer    ${text}`);
  console.log(`model     ${response.modelId}`);
} finally {
  await fake.close();
}
