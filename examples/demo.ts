/**
 * `npm run demo`: one fallback, live, against the built-in fake provider on
 * 127.0.0.1 (no network, no API keys). The primary answers 429, the fallback
 * streams the answer.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { streamText } from 'ai';
import { withFallback } from '../src/index';
import { startFakeProvider } from '../src/testing/index';

const fake = await startFakeProvider({ script: { 'gpt-4o': [{ status: 429, retryAfter: 30 }] }, tokenDelayMs: 15 });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'demo-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'demo-key' });

const model = withFallback([openai.chat('gpt-4o'), openrouter.chat('openai/gpt-4o')], {
  onFallback: ({ from, to, type, statusCode }) => console.log(`fallback  ${from.id} failed (${type} ${statusCode ?? ''}) -> ${to.id}`),
  onSuccess: ({ id, attempts }) => console.log(`served by ${id} after ${attempts} attempt(s)\n`),
});

const result = streamText({ model, prompt: 'Say hello.', maxRetries: 0 });
for await (const delta of result.textStream) process.stdout.write(delta);
process.stdout.write('\n');
await fake.close();
