import type { FallbackConfig, FallbackEntry, FallbackMetadata } from '../../src/index';
import type { FakeProvider } from '../../src/testing/index';

/** Entry options of the two models of a matrix chain (the model itself is the kit's). */
export type EntryOptions = Omit<FallbackEntry, 'model'>;

/** What a caller of one AI SDK major observes from `generateText`. */
export interface GenerateOutcome {
  text: string;
  fallback: FallbackMetadata | undefined;
  modelId: string | undefined;
}

/** What a consumer of one AI SDK major's `streamText(...).fullStream` observes. */
export interface StreamOutcome {
  text: string;
  partTypes: string[];
  errors: unknown[];
  finishReason: string | undefined;
  fallback: FallbackMetadata | undefined;
  /** What iterating the stream threw, if anything. */
  thrown: unknown;
}

export interface CallOptions {
  abortSignal?: AbortSignal;
  /** Called with the text received so far, after each text delta. */
  onText?: (text: string) => void;
}

/** A chain of two real provider models (primary on the chat API, backup on the Responses API) behind `withFallback`. */
export interface MatrixChain {
  specificationVersion: string;
  generate(options?: CallOptions): Promise<GenerateOutcome>;
  stream(options?: CallOptions): Promise<StreamOutcome>;
}

/** One AI SDK major with its own `ai` and `@ai-sdk/openai`, typed by that major's own packages. */
export interface MajorKit {
  /** e.g. `'AI SDK 4'`. */
  name: string;
  spec: 'v1' | 'v2' | 'v3' | 'v4';
  chain(
    fake: FakeProvider,
    models: { primary: string; backup: string },
    config?: FallbackConfig,
    entries?: { primary?: EntryOptions; backup?: EntryOptions },
  ): MatrixChain;
}

/** Reads `providerMetadata.fallback` from whichever major's result. */
export function fallbackOf(providerMetadata: unknown): FallbackMetadata | undefined {
  return (providerMetadata as { fallback?: FallbackMetadata } | undefined)?.fallback;
}

/** A fullStream part of any major, as far as the matrix reads it. */
interface AnyStreamPart {
  type: string;
  /** AI SDK 4 */
  textDelta?: string;
  /** AI SDK 5+ */
  text?: string;
  error?: unknown;
  finishReason?: unknown;
}

/**
 * Consumes a `fullStream` of any major. Text deltas carry `textDelta` in AI
 * SDK 4 and `text` from 5 on; everything else the matrix reads is the same.
 */
export async function collectFullStream(
  fullStream: AsyncIterable<AnyStreamPart>,
  /** Read only once the stream finished: some majors reject it otherwise, unhandled. */
  providerMetadata: () => PromiseLike<unknown>,
  options: CallOptions = {},
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = {
    text: '',
    partTypes: [],
    errors: [],
    finishReason: undefined,
    fallback: undefined,
    thrown: undefined,
  };
  try {
    for await (const part of fullStream) {
      outcome.partTypes.push(part.type);
      if (part.type === 'text-delta') {
        outcome.text += part.textDelta ?? part.text ?? '';
        options.onText?.(outcome.text);
      }
      if (part.type === 'error') outcome.errors.push(part.error);
      if (part.type === 'finish') outcome.finishReason = String(part.finishReason);
    }
  } catch (error) {
    outcome.thrown = error;
  }
  // Without a finish part some majors never settle the result's promises.
  if (outcome.partTypes.includes('finish')) {
    outcome.fallback = fallbackOf(await Promise.resolve(providerMetadata()).catch(() => undefined));
  }
  return outcome;
}
