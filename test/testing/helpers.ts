import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { streamText } from 'ai';

/** Base URLs plus an optional fetch: either a running fake server or the fake fetch. */
export interface FakeTarget {
  openaiBaseURL: string;
  azureBaseURL: string;
  openrouterBaseURL: string;
  fetch?: typeof fetch;
}

/** One model per provider / API combination the fake must serve. */
export function modelsFor(target: FakeTarget, modelId = 'gpt-4o') {
  const fetch = target.fetch;
  const openai = createOpenAI({ baseURL: target.openaiBaseURL, apiKey: 'test', fetch });
  const azure = createAzure({ baseURL: target.azureBaseURL, apiKey: 'test', fetch });
  const openrouter = createOpenRouter({ baseURL: target.openrouterBaseURL, apiKey: 'test', fetch });
  return {
    'openai chat': openai.chat(modelId),
    'openai responses': openai.responses(modelId),
    'azure chat': azure.chat(modelId),
    'azure responses': azure.responses(modelId),
    'openrouter chat': openrouter(modelId),
  } satisfies Record<string, LanguageModelV4>;
}

export type ModelKind = keyof ReturnType<typeof modelsFor>;

/** Everything a consumer of `streamText(...).fullStream` observes. */
export interface StreamOutcome {
  deltas: string[];
  text: string;
  errors: unknown[];
  thrown: unknown;
  finishReason: string | undefined;
  outputTokens: number | undefined;
  partTypes: string[];
}

export async function collectStream(
  model: LanguageModelV4,
  options: { abortSignal?: AbortSignal; onDelta?: (delta: string, index: number) => void } = {},
): Promise<StreamOutcome> {
  const result = streamText({
    model,
    prompt: 'Say hello.',
    maxRetries: 0,
    abortSignal: options.abortSignal,
    // The default handler logs to the console.
    onError: () => {},
  });
  const outcome: StreamOutcome = {
    deltas: [],
    text: '',
    errors: [],
    thrown: undefined,
    finishReason: undefined,
    outputTokens: undefined,
    partTypes: [],
  };
  try {
    for await (const part of result.fullStream) {
      outcome.partTypes.push(part.type);
      if (part.type === 'text-delta') {
        outcome.deltas.push(part.text);
        options.onDelta?.(part.text, outcome.deltas.length - 1);
      }
      if (part.type === 'error') outcome.errors.push(part.error);
      if (part.type === 'finish') {
        outcome.finishReason = part.finishReason;
        outcome.outputTokens = part.totalUsage.outputTokens;
      }
    }
  } catch (error) {
    outcome.thrown = error;
  }
  outcome.text = outcome.deltas.join('');
  return outcome;
}

/** Resolves on the next call of the returned `signal` function; use it inside a step function. */
export function deferredSignal(): { arrived: Promise<void>; signal: () => void } {
  let signal!: () => void;
  const arrived = new Promise<void>(resolve => {
    signal = resolve;
  });
  return { arrived, signal };
}

export async function caught(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
