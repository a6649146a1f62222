import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { type FallbackConfig, FallbackExhaustedError, withFallback } from '../../src/index';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer, type FakeStep } from '../../src/testing/index';
import {
  call,
  caughtLabels,
  fakeProviderForFile,
  type Operation,
  PROVIDER_KINDS,
  type ProviderKind,
  realModel,
} from './helpers';

const fake = fakeProviderForFile();

const OPERATIONS: Operation[] = ['generate', 'stream'];
// One retry per model keeps the request counts small and tells a retry from a fallback.
const CONFIG: FallbackConfig = { maxRetriesPerModel: 1, backoff: { initialDelayMs: 1, jitter: false } };

function chain(kind: ProviderKind, config: FallbackConfig = CONFIG) {
  return withFallback([realModel(fake, kind, 'primary'), realModel(fake, kind, 'backup')], config);
}

const requestCounts = () => ({
  primary: fake.requestsFor('primary').length,
  backup: fake.requestsFor('backup').length,
});

interface RecoveredFault {
  fault: string;
  step: FakeStep;
  type: string;
  status: (kind: ProviderKind, operation: Operation) => number | undefined;
  /** Retried once on the primary before falling back; otherwise the chain falls back at once. */
  retried: boolean;
  operations?: Operation[];
}

const status = (code: number) => () => code;

// The primary fails every time; the backup answers.
const RECOVERED: RecoveredFault[] = [
  {
    fault: '429 with Retry-After',
    step: { status: 429, retryAfterMs: 300 },
    type: 'rate-limit',
    status: status(429),
    retried: true,
  },
  { fault: '429 without Retry-After', step: 'rate-limit', type: 'rate-limit', status: status(429), retried: true },
  { fault: 'insufficient_quota', step: 'quota', type: 'quota-exceeded', status: status(429), retried: false },
  { fault: '401', step: 'auth', type: 'auth', status: status(401), retried: false },
  { fault: '402', step: 'credits', type: 'quota-exceeded', status: status(402), retried: false },
  { fault: '500', step: 'server-error', type: 'provider-unavailable', status: status(500), retried: true },
  { fault: '503', step: 'overloaded', type: 'provider-unavailable', status: status(503), retried: true },
  { fault: 'TCP reset before headers', step: 'reset', type: 'network', status: () => undefined, retried: true },
  {
    fault: 'error frame before output',
    step: { errorAfterTokens: 0 },
    type: 'provider-unavailable',
    // OpenRouter's in-stream error chunk carries a string code, not a status.
    status: (kind, operation) => (kind === 'openrouter' && operation === 'stream' ? undefined : 500),
    retried: true,
  },
  // Without a stream there is no commit point: these fail the whole response and are recovered.
  {
    fault: 'body cut mid-answer',
    step: { cutAfterTokens: 3 },
    type: 'network',
    status: () => undefined,
    retried: true,
    operations: ['generate'],
  },
  {
    fault: 'error after output',
    step: { errorAfterTokens: 3 },
    type: 'provider-unavailable',
    status: status(500),
    retried: true,
    operations: ['generate'],
  },
];

const recoveredCases = PROVIDER_KINDS.flatMap(kind =>
  RECOVERED.flatMap(fault => (fault.operations ?? OPERATIONS).map(operation => ({ kind, operation, ...fault }))),
);

describe('faults the chain recovers from, through the real provider packages', () => {
  it.each(recoveredCases)('$kind $operation: $fault', async ({ kind, operation, step, type, status, retried }) => {
    fake.setScript({ primary: step });
    const outcome = await call(chain(kind), operation);

    expect(outcome.thrown).toBeUndefined();
    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.finishReason).toBe('stop');
    expect(outcome.fallback?.servedBy).toMatchObject({ index: 1, modelId: 'backup' });
    const code = status(kind, operation);
    const label = `primary ${type}${code === undefined ? '' : ` ${code}`}`;
    expect(caughtLabels(outcome.fallback)).toEqual(retried ? [label, label] : [label]);
    expect(outcome.fallback?.attempts).toBe(retried ? 3 : 2);
    expect(requestCounts()).toEqual({ primary: retried ? 2 : 1, backup: 1 });
  });

  it.each(PROVIDER_KINDS.flatMap(kind => OPERATIONS.map(operation => ({ kind, operation }))))(
    '$kind $operation: the Retry-After of a 429 is waited for, not the backoff',
    async ({ kind, operation }) => {
      fake.setScript({ primary: [{ status: 429, retryAfterMs: 300 }] });
      const outcome = await call(chain(kind), operation);

      expect(outcome.text).toBe(canonicalAnswer('primary'));
      expect(caughtLabels(outcome.fallback)).toEqual(['primary rate-limit 429']);
      expect(requestCounts()).toEqual({ primary: 2, backup: 0 });
      // The backoff is 1 ms, so only the header can explain the wait; the upper bound stays loose for busy machines.
      const [first, second] = fake.requestsFor('primary');
      expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(280);
    },
  );

  it('honours a Retry-After given in seconds', async () => {
    fake.setScript({ primary: [{ status: 429, retryAfter: 1 }] });
    const outcome = await call(chain('openai chat'), 'generate');

    expect(outcome.text).toBe(canonicalAnswer('primary'));
    const [first, second] = fake.requestsFor('primary');
    expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(950);
  });

  it.each(PROVIDER_KINDS.flatMap(kind => OPERATIONS.map(operation => ({ kind, operation }))))(
    '$kind $operation: a retry that succeeds stays on the primary',
    async ({ kind, operation }) => {
      fake.setScript({ primary: ['overloaded'] });
      const outcome = await call(chain(kind), operation);

      expect(outcome.text).toBe(canonicalAnswer('primary'));
      expect(outcome.fallback?.servedBy.modelId).toBe('primary');
      expect(caughtLabels(outcome.fallback)).toEqual(['primary provider-unavailable 503']);
      expect(requestCounts()).toEqual({ primary: 2, backup: 0 });
    },
  );
});

describe("faults after the first token of a stream: the bare model's own ending, never a spliced answer", () => {
  const FAULTS = [
    { fault: 'stream cut mid-answer', step: { cutAfterTokens: 3 } },
    { fault: 'error frame after output', step: { errorAfterTokens: 3 } },
  ] satisfies { fault: string; step: FakeStep }[];

  const observed = ({ text, errors, thrown, finishReason, partTypes }: Awaited<ReturnType<typeof call>>) => ({
    text,
    errors: errors.map(describeOutcomeError),
    thrown: thrown === undefined ? undefined : describeOutcomeError(thrown),
    finishReason,
    partTypes,
  });

  it.each(PROVIDER_KINDS.flatMap(kind => FAULTS.map(fault => ({ kind, ...fault }))))(
    '$kind: $fault',
    async ({ kind, step }) => {
      fake.setScript({ primary: step });
      const bare = observed(await call(realModel(fake, kind, 'primary'), 'stream'));
      await fake.whenIdle();
      fake.reset();
      const outcome = await call(chain(kind), 'stream');

      expect(outcome.text).toBe(splitIntoTokens(canonicalAnswer('primary')).slice(0, 3).join(''));
      expect(observed(outcome)).toEqual(bare);
      expect(FallbackExhaustedError.isInstance(outcome.errors[0] ?? outcome.thrown)).toBe(false);
      expect(requestCounts()).toEqual({ primary: 1, backup: 0 });
    },
  );
});

function describeOutcomeError(error: unknown) {
  return error instanceof Error ? { name: error.name, message: error.message } : error;
}

describe('faults no entry catches are rethrown unchanged', () => {
  const FAULTS = [
    { fault: 'context_length_exceeded', step: 'context-length', message: /maximum context length is 128000 tokens/ },
    { fault: 'content filter', step: 'content-filter', message: /safety system|content management policy/ },
  ] satisfies { fault: string; step: FakeStep; message: RegExp }[];

  const cases = PROVIDER_KINDS.flatMap(kind =>
    FAULTS.flatMap(fault => OPERATIONS.map(operation => ({ kind, operation, ...fault }))),
  );

  it.each(cases)('$kind $operation: $fault', async ({ kind, operation, step, message }) => {
    fake.setScript({ primary: step });
    const outcome = await call(chain(kind), operation);

    const error = operation === 'generate' ? outcome.thrown : outcome.errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false, url: expect.stringContaining(fake.url) });
    expect((error as Error).message).toMatch(message);
    expect(outcome.text).toBe('');
    if (operation === 'stream') expect(outcome.errors).toHaveLength(1);
    expect(requestCounts()).toEqual({ primary: 1, backup: 0 });
  });
});

describe('when every entry fails', () => {
  it.each(PROVIDER_KINDS.flatMap(kind => OPERATIONS.map(operation => ({ kind, operation }))))(
    '$kind $operation: FallbackExhaustedError lists every attempt',
    async ({ kind, operation }) => {
      fake.setScript({ primary: 'server-error', backup: 'auth' });
      const outcome = await call(chain(kind), operation);

      const error = operation === 'generate' ? outcome.thrown : outcome.errors[0];
      expect(FallbackExhaustedError.isInstance(error)).toBe(true);
      const exhausted = error as FallbackExhaustedError;
      expect(exhausted.reason).toBe('no-fallback');
      expect(exhausted.attempts.map(a => `${a.modelId}#${a.attempt} ${a.type} ${a.statusCode}`)).toEqual([
        'primary#1 provider-unavailable 500',
        'primary#2 provider-unavailable 500',
        'backup#1 auth 401',
      ]);
      expect(exhausted.message).toContain('3 attempt(s) on 2 model(s)');
      expect(exhausted.message).not.toContain('test-key');
      expect(requestCounts()).toEqual({ primary: 2, backup: 1 });
    },
  );

  it('a chain across providers falls through each package to the one that answers', async () => {
    fake.setScript({ first: 'quota', second: 'overloaded' });
    const model = withFallback(
      [
        realModel(fake, 'openai chat', 'first'),
        realModel(fake, 'azure', 'second'),
        realModel(fake, 'openrouter', 'third'),
      ],
      CONFIG,
    );
    const outcome = await call(model, 'stream');

    expect(outcome.text).toBe(canonicalAnswer('third'));
    expect(outcome.fallback?.servedBy).toMatchObject({ index: 2, modelId: 'third', provider: 'openrouter' });
    expect(caughtLabels(outcome.fallback)).toEqual([
      'first quota-exceeded 429',
      'second provider-unavailable 503',
      'second provider-unavailable 503',
    ]);
    expect(fake.requests.map(request => `${request.provider} ${request.model}`)).toEqual([
      'openai first',
      'azure second',
      'azure second',
      'openrouter third',
    ]);
  });
});
