/**
 * `npm run example -- fallback-metadata`: which model answered, and what went wrong first.
 *
 * Every successful result carries `providerMetadata.fallback`: `servedBy` (the entry that
 * answered), `attempts`, and `caught` (the failures the chain recovered from). On streams it
 * comes with the finish part, so `await result.providerMetadata` has it.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText, streamText } from 'ai';
import { type FallbackMetadata, withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

const fake = await startFakeProvider({ script: { 'gpt-4o': [{ status: 429, retryAfter: 60 }] } });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });

try {
  // The 429 asks for a 60 s wait, beyond maxRetryAfterMs: the chain moves on at once.
  const model = withFallback([openai.chat('gpt-4o'), openrouter.chat('openai/gpt-4o-mini')], {
    // Let the second call try OpenAI again instead of skipping it while it cools down.
    circuitBreaker: false,
  });

  const generated = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
  print('generateText', generated.providerMetadata?.fallback as FallbackMetadata | undefined);

  // The script's single 429 is used up: OpenAI answers this one.
  const streamed = streamText({ model, prompt: 'Say hello.', maxRetries: 0 });
  await streamed.consumeStream();
  print('streamText', (await streamed.providerMetadata)?.fallback as FallbackMetadata | undefined);
} finally {
  await fake.close();
}

function print(label: string, fallback: FallbackMetadata | undefined): void {
  if (fallback === undefined) throw new Error(`${label}: no providerMetadata.fallback`);
  const { servedBy, attempts, caught } = fallback;
  console.log(`${label}: served by ${servedBy.id} (entry ${servedBy.index}) after ${attempts} attempt(s)`);
  for (const failure of caught) {
    console.log(`  caught ${failure.id}: ${failure.type} ${failure.statusCode ?? ''} ${failure.message}`);
  }
}
