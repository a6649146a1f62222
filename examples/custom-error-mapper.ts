/**
 * `npm run example -- custom-error-mapper`: teach the chain what an error means.
 *
 * A 404 `model_not_found` is a `bad-request` to the built-in mapper: another model would be
 * sent the same bad request, so the chain does not fall back and the original error surfaces.
 * When a model is being retired you may want a fallback instead: `classifyError` calls it
 * `'provider-unavailable'`, and returns `undefined` (keep the built-in type) for everything else.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText } from 'ai';
import { type FallbackConfig, withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

const fake = await startFakeProvider({
  script: {
    'gpt-4.5-preview': {
      status: 404,
      code: 'model_not_found',
      type: 'invalid_request_error',
      message: 'The model `gpt-4.5-preview` does not exist or you do not have access to it.',
    },
  },
});
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });
const models = [openai.chat('gpt-4.5-preview'), openrouter.chat('openai/gpt-4o')];

/** Retired or unknown models are the provider's problem, not the request's. */
const classifyError: FallbackConfig['classifyError'] = error => {
  const modelGone =
    APICallError.isInstance(error) &&
    error.statusCode === 404 &&
    (error.responseBody ?? '').includes('model_not_found');
  return modelGone ? 'provider-unavailable' : undefined;
};

try {
  console.log('built-in mapper:');
  try {
    await generateText({ model: withFallback(models), prompt: 'Say hello.', maxRetries: 0 });
  } catch (error) {
    const status = APICallError.isInstance(error) ? error.statusCode : undefined;
    console.log(`  no fallback: the original ${status} surfaces: ${(error as Error).message}`);
  }

  console.log('custom mapper:');
  const model = withFallback(models, {
    classifyError,
    // The mapper's answer decides the rest: provider-unavailable is not worth a retry here.
    retryOn: ['rate-limit'],
    onFallback: ({ from, to, type, statusCode }) =>
      console.log(`  fallback ${from.id} (${type} ${statusCode}) -> ${to.id}`),
  });
  const { text } = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
  console.log(`  answer: ${text}`);
} finally {
  await fake.close();
}
