/**
 * `npm run example -- exhausted-error`: every model failed.
 *
 * `FallbackExhaustedError` lists every attempt (entry, attempt number, type, status, duration)
 * and the last error of each entry. Use `FallbackExhaustedError.isInstance`, not `instanceof`:
 * bundlers may load two copies of the library.
 */
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { FallbackExhaustedError, withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

const fake = await startFakeProvider({ script: { 'gpt-4o': 'server-error', 'my-gpt-4o-deployment': 'auth' } });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const azure = createAzure({ baseURL: fake.azureBaseURL, apiKey: 'example-key' });

try {
  const model = withFallback([openai.chat('gpt-4o'), { model: azure.chat('my-gpt-4o-deployment'), id: 'azure' }], {
    maxRetriesPerModel: 1,
    backoff: { initialDelayMs: 50 },
  });

  try {
    await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
  } catch (error) {
    if (!FallbackExhaustedError.isInstance(error)) throw error;
    console.log(`caught ${error.name}, reason ${error.reason}`);
    console.log(`tried: ${error.attemptedProviders.join(', ')}`);
    for (const attempt of error.attempts) {
      console.log(`  ${attempt.id} attempt ${attempt.attempt}: ${attempt.type} ${attempt.statusCode ?? ''}`);
    }
    console.log(`retryable: ${error.isRetryable}`);
    console.log('message:');
    console.log(error.message);
  }
} finally {
  await fake.close();
}
