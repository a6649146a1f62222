import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { type FallbackEntry, withFallback } from 'ai-sdk-fallback';

type Env = Record<string, string | undefined>;

/** The chat's model and the id of its primary, which answers alone when a request turns the fallback off. */
export interface ChatModel {
  model: LanguageModelV4;
  primaryId: string;
}

/**
 * The variables the chain reads, each named in full: on the Edge runtime, Next.js provides only the
 * `process.env.NAME` it found written out in the code.
 */
export function chatEnv(): Env {
  return {
    FAKE_PROVIDER_URL: process.env.FAKE_PROVIDER_URL,
    OPENAI_API_KEY: process.env.OPENAI_API_KEY,
    OPENAI_MODEL: process.env.OPENAI_MODEL,
    OPENROUTER_API_KEY: process.env.OPENROUTER_API_KEY,
    OPENROUTER_MODEL: process.env.OPENROUTER_MODEL,
    AZURE_API_KEY: process.env.AZURE_API_KEY,
    AZURE_RESOURCE_NAME: process.env.AZURE_RESOURCE_NAME,
    AZURE_DEPLOYMENT: process.env.AZURE_DEPLOYMENT,
  };
}

/**
 * The chat's model chain, from environment variables:
 *
 * - `FAKE_PROVIDER_URL` (set by `scripts/start.ts` when no key is present, or by the e2e test):
 *   OpenAI `gpt-4o` -> OpenRouter `openai/gpt-4o-mini` -> Azure deployment `gpt-4o-fallback`, all served by the
 *   fake provider on 127.0.0.1.
 * - otherwise, one entry per provider whose key is set, in this order: `OPENAI_API_KEY`
 *   (`OPENAI_MODEL`, default `gpt-4o-mini`), `OPENROUTER_API_KEY` (`OPENROUTER_MODEL`, default
 *   `openai/gpt-4o-mini`), `AZURE_API_KEY` with `AZURE_RESOURCE_NAME` (`AZURE_DEPLOYMENT`,
 *   default `gpt-4o-mini`).
 */
export function createChatModel(env: Env = chatEnv()): ChatModel {
  const entries = env.FAKE_PROVIDER_URL ? fakeEntries(env.FAKE_PROVIDER_URL) : keyedEntries(env);
  if (entries.length === 0) {
    throw new Error(
      'next-chat: no model configured. Set OPENAI_API_KEY, OPENROUTER_API_KEY or AZURE_API_KEY with AZURE_RESOURCE_NAME, ' +
        'or start the app with `npm run dev` / `npm start`, which start the fake provider when no key is set.',
    );
  }
  const model = withFallback(entries, {
    // A person is waiting: one quick retry per model, then the next provider.
    maxRetriesPerModel: 1,
    backoff: { initialDelayMs: 300, maxDelayMs: 2_000 },
    // A chat answer is text only: if a provider dies mid-answer, the next one continues the text.
    midStream: 'continue',
    onFallback: ({ from, to, type, statusCode }) =>
      console.warn(
        `[next-chat] ${from.id} failed (${type}${(statusCode ?? 0) >= 400 ? ` ${statusCode}` : ''}); trying ${to.id}`,
      ),
  });
  return { model, primaryId: entries[0]!.id! };
}

function fakeEntries(url: string): FallbackEntry[] {
  const { hostname, origin } = new URL(url);
  if (hostname !== '127.0.0.1') {
    throw new Error(`next-chat: FAKE_PROVIDER_URL must point at 127.0.0.1, got host '${hostname}'`);
  }
  // The fake ignores keys; the providers only need one to be present.
  const apiKey = 'fake-key';
  const openai = createOpenAI({ baseURL: `${origin}/v1`, apiKey });
  const openrouter = createOpenRouter({ baseURL: `${origin}/api/v1`, apiKey });
  const azure = createAzure({ baseURL: `${origin}/openai`, apiKey });
  return [
    { model: openai.chat('gpt-4o'), id: 'openai:gpt-4o' },
    { model: openrouter.chat('openai/gpt-4o-mini'), id: 'openrouter:openai/gpt-4o-mini' },
    { model: azure.chat('gpt-4o-fallback'), id: 'azure:gpt-4o-fallback' },
  ];
}

function keyedEntries(env: Env): FallbackEntry[] {
  const entries: FallbackEntry[] = [];
  if (env.OPENAI_API_KEY) {
    const modelId = env.OPENAI_MODEL ?? 'gpt-4o-mini';
    entries.push({ model: createOpenAI({ apiKey: env.OPENAI_API_KEY }).chat(modelId), id: `openai:${modelId}` });
  }
  if (env.OPENROUTER_API_KEY) {
    const modelId = env.OPENROUTER_MODEL ?? 'openai/gpt-4o-mini';
    entries.push({
      model: createOpenRouter({ apiKey: env.OPENROUTER_API_KEY }).chat(modelId),
      id: `openrouter:${modelId}`,
    });
  }
  if (env.AZURE_API_KEY && env.AZURE_RESOURCE_NAME) {
    const deployment = env.AZURE_DEPLOYMENT ?? 'gpt-4o-mini';
    const azure = createAzure({ apiKey: env.AZURE_API_KEY, resourceName: env.AZURE_RESOURCE_NAME });
    entries.push({ model: azure.chat(deployment), id: `azure:${deployment}` });
  }
  return entries;
}
