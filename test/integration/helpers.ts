import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText, type ModelMessage, streamText } from 'ai';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FallbackMetadata } from '../../src/index';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';

/** The provider packages and APIs the chain is exercised through, each built on the fake server. */
export const PROVIDER_KINDS = ['openai chat', 'openai responses', 'azure', 'openrouter'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** A real provider-package model for `modelId`, pointed at the fake server. */
export function realModel(fake: FakeProvider, kind: ProviderKind, modelId: string): LanguageModelV4 {
  switch (kind) {
    case 'openai chat':
      return createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat(modelId);
    case 'openai responses':
      return createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).responses(modelId);
    case 'azure':
      // `azure(deployment)` is the Responses API in @ai-sdk/azure 4.
      return createAzure({ baseURL: fake.azureBaseURL, apiKey: 'test-key' })(modelId);
    case 'openrouter':
      return createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'test-key' })(modelId);
  }
}

export type Operation = 'generate' | 'stream';

/** What a caller of `generateText` / `streamText` observes, in one shape for both. */
export interface CallOutcome {
  text: string;
  /** Stream `error` parts; for `generateText`, empty. */
  errors: unknown[];
  /** What `generateText` rejected with, or what iterating the stream threw. */
  thrown: unknown;
  finishReason: string | undefined;
  fallback: FallbackMetadata | undefined;
  partTypes: string[];
  durationMs: number;
}

export interface CallOptions {
  abortSignal?: AbortSignal;
  timeout?: number;
  messages?: ModelMessage[];
  onDelta?: (delta: string, index: number) => void;
}

/** Runs one call the way an application does, with the SDK's own retries off (the chain owns them). */
export async function call(
  model: LanguageModelV4,
  operation: Operation,
  options: CallOptions = {},
): Promise<CallOutcome> {
  const started = performance.now();
  const base = {
    model,
    maxRetries: 0,
    abortSignal: options.abortSignal,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.messages === undefined ? { prompt: 'Say hello.' } : { messages: options.messages }),
  };
  const outcome: CallOutcome = {
    text: '',
    errors: [],
    thrown: undefined,
    finishReason: undefined,
    fallback: undefined,
    partTypes: [],
    durationMs: 0,
  };

  if (operation === 'generate') {
    try {
      const result = await generateText(base);
      outcome.text = result.text;
      outcome.finishReason = result.finishReason;
      outcome.fallback = result.providerMetadata?.fallback as FallbackMetadata | undefined;
    } catch (error) {
      outcome.thrown = error;
    }
  } else {
    // A no-op onError: the default handler logs every error part to the console.
    const result = streamText({ ...base, onError: () => {} });
    const deltas: string[] = [];
    try {
      for await (const part of result.fullStream) {
        outcome.partTypes.push(part.type);
        if (part.type === 'text-delta') {
          deltas.push(part.text);
          options.onDelta?.(part.text, deltas.length - 1);
        }
        if (part.type === 'error') outcome.errors.push(part.error);
        if (part.type === 'finish-step') {
          outcome.fallback = part.providerMetadata?.fallback as FallbackMetadata | undefined;
        }
        if (part.type === 'finish') outcome.finishReason = part.finishReason;
      }
    } catch (error) {
      outcome.thrown = error;
    }
    outcome.text = deltas.join('');
  }
  outcome.durationMs = performance.now() - started;
  return outcome;
}

/** `type:status` of each caught failure, e.g. `['rate-limit:429']`, for compact assertions. */
export function caughtLabels(fallback: FallbackMetadata | undefined): string[] {
  return (fallback?.caught ?? []).map(
    caught => `${caught.modelId} ${caught.type}${caught.statusCode === undefined ? '' : ` ${caught.statusCode}`}`,
  );
}

/**
 * One fake provider for the test file. After each test it waits until every
 * socket is closed (a fault must leave none behind, and the next test's
 * counts rely on a clean server), then forgets the script and the log.
 */
export function fakeProviderForFile(): FakeProvider {
  let fake: FakeProvider | undefined;
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  afterEach(async () => {
    await fake!.whenIdle();
    fake!.setScript({});
    fake!.reset();
  });
  afterAll(() => fake?.close());
  return new Proxy({} as FakeProvider, { get: (_, key) => Reflect.get(fake!, key) });
}
