import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { type FallbackConfig, withFallback } from '../../src/index';
import { canonicalAnswer, type FakeStep } from '../../src/testing/index';
import { call, fakeProviderForFile, type Operation, type ProviderKind, realModel } from './helpers';

// A 200 whose body holds no answer must not become the answer (issue 12, item 4). Every
// variant is what a streaming or non-streaming request really gets from a broken proxy or provider.
const fake = fakeProviderForFile();

const KINDS: ProviderKind[] = ['openai chat', 'openai responses', 'openrouter'];
// Only the backoff is shortened: retry policy, catchErrors and retryOn stay the defaults.
const CONFIG: FallbackConfig = { backoff: { initialDelayMs: 1, jitter: false } };

interface EmptyVariant {
  variant: string;
  step: FakeStep;
  /** The non-streaming request has a form of this variant too. */
  generate: boolean;
}

const VARIANTS: EmptyVariant[] = [
  { variant: '200 with an HTML page', step: 'html', generate: true },
  { variant: '200 with an empty body', step: 'empty-body', generate: true },
  { variant: '200 with only data: [DONE]', step: 'done-only', generate: false },
  { variant: '200 with a role chunk, then EOF', step: 'accepted-only', generate: false },
  {
    variant: '200 with a JSON error body',
    step: { status: 200, body: { error: { message: 'Upstream failed', type: 'server_error' } } },
    generate: true,
  },
];

const cases = KINDS.flatMap(kind =>
  VARIANTS.flatMap(variant =>
    (variant.generate ? (['generate', 'stream'] as const) : (['stream'] as const)).map(operation => ({
      kind,
      operation: operation as Operation,
      ...variant,
    })),
  ),
);

describe('an empty 200 from the primary falls back', () => {
  it.each(cases)('$kind $operation: $variant', async ({ kind, operation, step }) => {
    fake.setScript({ primary: step });
    const chain = withFallback([realModel(fake, kind, 'primary'), realModel(fake, kind, 'backup')], CONFIG);
    const outcome = await call(chain, operation);

    expect(outcome.thrown).toBeUndefined();
    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.finishReason).toBe('stop');
    expect(outcome.fallback?.servedBy).toMatchObject({ index: 1, modelId: 'backup' });
    // A stream's empty answer is an empty response, not retried on the same model by default. For a
    // generate call the provider package itself reports the unreadable 200 (Invalid JSON response):
    // the provider's failure, which a retry may cure.
    const type = operation === 'stream' ? 'empty-response' : 'provider-unavailable';
    const caught = outcome.fallback?.caught.map(caught => caught.type) ?? [];
    expect(caught[0]).toBe(type);
    expect(caught).toEqual(operation === 'stream' ? [type] : [type, type, type]);
    expect(fake.requestsFor('primary')).toHaveLength(caught.length);
    expect(fake.requestsFor('backup')).toHaveLength(1);
  });
});

interface DescribedError {
  class: string;
  name: string;
  message: string;
}

/** Everything the caller of one `generateText` / `streamText` call sees, minus our own metadata. */
interface Observation {
  text: unknown;
  finishReason: unknown;
  rawFinishReason: unknown;
  usage: unknown;
  totalUsage: unknown;
  /** `generateText`'s rejection; for streams, the error parts and what iterating threw. */
  errors: DescribedError[];
  partTypes: string[];
  requests: number;
}

function describeError(error: unknown): DescribedError {
  const value = error as { constructor?: { name?: string }; name?: unknown; message?: unknown };
  return {
    class: value?.constructor?.name ?? typeof error,
    name: String(value?.name),
    message: String(value?.message),
  };
}

/** A promise's value, or what it rejected with: a rejected `text` is an observation too. */
async function settle(value: PromiseLike<unknown>): Promise<unknown> {
  try {
    return await value;
  } catch (error) {
    return { rejected: describeError(error) };
  }
}

async function observe(model: LanguageModelV4, operation: Operation): Promise<Observation> {
  fake.reset();
  const observation: Observation = {
    text: undefined,
    finishReason: undefined,
    rawFinishReason: undefined,
    usage: undefined,
    totalUsage: undefined,
    errors: [],
    partTypes: [],
    requests: 0,
  };
  if (operation === 'generate') {
    try {
      const result = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
      observation.text = result.text;
      observation.finishReason = result.finishReason;
      observation.rawFinishReason = result.rawFinishReason;
      observation.usage = result.usage;
      observation.totalUsage = result.totalUsage;
    } catch (error) {
      observation.errors.push(describeError(error));
    }
  } else {
    const result = streamText({ model, prompt: 'Say hello.', maxRetries: 0, onError: () => {} });
    try {
      for await (const part of result.fullStream) {
        observation.partTypes.push(part.type);
        if (part.type === 'error') observation.errors.push(describeError(part.error));
      }
    } catch (error) {
      observation.errors.push(describeError(error));
    }
    observation.text = await settle(result.text);
    observation.finishReason = await settle(result.finishReason);
    observation.rawFinishReason = await settle(result.rawFinishReason);
    observation.usage = await settle(result.usage);
    observation.totalUsage = await settle(result.totalUsage);
  }
  await fake.whenIdle();
  observation.requests = fake.requests.length;
  return observation;
}

describe('on a one-entry chain, an empty 200 is what the bare model makes of it', () => {
  it.each(cases)('$kind $operation: $variant', async ({ kind, operation, step }) => {
    fake.setScript({ primary: step });
    const bare = await observe(realModel(fake, kind, 'primary'), operation);
    const wrapped = await observe(withFallback([realModel(fake, kind, 'primary')], CONFIG), operation);

    const { requests: wrappedRequests, ...wrappedSeen } = wrapped;
    const { requests: bareRequests, ...bareSeen } = bare;
    expect(wrappedSeen).toEqual(bareSeen);
    // An empty stream is not retried by default: as many requests as bare. A generate call's
    // unreadable 200 is retried on the same model (maxRetriesPerModel 2) before it surfaces.
    expect(wrappedRequests).toBe(operation === 'stream' ? bareRequests : bareRequests * 3);
  });
});
