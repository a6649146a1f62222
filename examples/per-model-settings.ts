/**
 * `npm run example -- per-model-settings`: call options per entry.
 *
 * The caller asks for temperature 0.7 and 500 output tokens. The fallback is a smaller model
 * that is told to be more careful: its entry overrides temperature and maxOutputTokens and
 * adds a header, for its own attempts only. The fake provider's request log shows what each
 * model was actually sent.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText } from 'ai';
import { withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

const fake = await startFakeProvider({ script: { 'gpt-4o': 'auth' } });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });

try {
  const model = withFallback([
    openai.chat('gpt-4o'),
    {
      model: openrouter.chat('meta-llama/llama-3.1-8b-instruct'),
      settings: { temperature: 0.2, maxOutputTokens: 256, headers: { 'x-title': 'ai-sdk-fallback example' } },
    },
  ]);

  const { text } = await generateText({
    model,
    prompt: 'Say hello.',
    temperature: 0.7,
    maxOutputTokens: 500,
    maxRetries: 0,
  });
  console.log(`answer: ${text}`);

  for (const request of fake.requests) {
    const { temperature, max_tokens } = request.body;
    const title = request.headers['x-title'] ?? '-';
    console.log(
      `sent to ${request.model}: temperature ${temperature}, max_tokens ${max_tokens}, x-title ${title} (${request.step})`,
    );
  }
} finally {
  await fake.close();
}
