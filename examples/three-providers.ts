/**
 * `npm run example -- three-providers`: OpenAI -> OpenRouter -> Azure OpenAI.
 *
 * OpenAI's quota is used up (429 insufficient_quota), the OpenRouter account has no
 * credits (402): Azure answers. `catchErrors` says which failures each fallback takes over.
 */
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { streamText } from 'ai';
import { withFallback } from '../src/index'; // in your app: 'ai-sdk-fallback'
import { startFakeProvider } from '../src/testing/index'; // in your app: 'ai-sdk-fallback/testing'

// Script keys are model ids; for Azure, the deployment name.
const fake = await startFakeProvider({
  script: { 'gpt-4o': 'quota', 'openai/gpt-4o': 'credits' },
  tokenDelayMs: 5,
});
// In your app: createOpenAI(), createOpenRouter() and createAzure({ resourceName: 'my-resource' }), keys from the env.
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'example-key' });
const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'example-key' });
const azure = createAzure({ baseURL: fake.azureBaseURL, apiKey: 'example-key' });

try {
  const model = withFallback(
    [
      openai.chat('gpt-4o'),
      // OpenRouter takes over when OpenAI is out of quota, rate limited or down.
      {
        model: openrouter.chat('openai/gpt-4o'),
        catchErrors: ['quota-exceeded', 'rate-limit', 'provider-unavailable', 'network', 'timeout'],
      },
      // Azure is the last resort: it takes over whatever went wrong.
      { model: azure.chat('my-gpt-4o-deployment'), id: 'azure-eastus', catchErrors: ['all'] },
    ],
    {
      onFallback: ({ from, to, type, statusCode }) =>
        console.log(`fallback  ${from.id} failed (${type} ${statusCode}) -> ${to.id}`),
      onSuccess: ({ id, attempts }) => console.log(`success   ${id} after ${attempts} attempts`),
    },
  );

  const result = streamText({ model, prompt: 'Say hello.', maxRetries: 0 });
  // The stream starts when it is read: the events above print before the first token.
  let answer = '';
  for await (const delta of result.textStream) answer += delta;
  console.log(`answer    ${answer}`);

  const log = fake.requests.map(request => `${request.provider} ${request.model}: ${request.step}`);
  console.log(`requests  ${log.join(' | ')}`);
} finally {
  await fake.close();
}
