/**
 * `npm run example -- streaming`: `streamText` and the commit point.
 *
 * 1. OpenAI's stream is cut before its first token: nothing reached the reader yet, so
 *    OpenRouter's answer streams instead — the reader sees one clean answer.
 * 2. OpenAI fails after three tokens: the answer was already on screen, so the chain does not
 *    splice another model's text onto it. The stream ends with an error and finishReason 'error'.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { streamText } from 'ai';
import { withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

const fake = await startFakeProvider({
  script: { 'gpt-4o': [{ cutAfterTokens: 0 }, { errorAfterTokens: 3, code: 'server_error', message: 'stream broke' }] },
  tokenDelayMs: 10,
});
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });

try {
  const model = withFallback([openai.chat('gpt-4o'), openrouter.chat('openai/gpt-4o-mini')], {
    // Each call tries OpenAI once, so the two calls below meet the two scripted failures.
    maxRetriesPerModel: 0,
    // The first failure would open OpenAI's circuit; this example shows each call on its own.
    circuitBreaker: false,
  });

  console.log('1. cut before the first token');
  const first = streamText({ model, prompt: 'Say hello.', maxRetries: 0 });
  process.stdout.write('   ');
  for await (const delta of first.textStream) process.stdout.write(delta);
  process.stdout.write('\n');
  console.log(`   finishReason: ${await first.finishReason}, served by: ${(await first.response).modelId}`);

  console.log('2. fails after three tokens');
  const second = streamText({ model, prompt: 'Say hello.', maxRetries: 0, onError: () => {} });
  process.stdout.write('   ');
  for await (const part of second.fullStream) {
    if (part.type === 'text-delta') process.stdout.write(part.text);
    if (part.type === 'error') process.stdout.write(` [error part: ${describe(part.error)}]\n`);
  }
  console.log(`   finishReason: ${await second.finishReason}`);
} finally {
  await fake.close();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : JSON.stringify(error);
}
