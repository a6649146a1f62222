import { z } from 'zod/v4';
import { FallbackErrorType } from '../errors/fallback-error-type';
import { isHealthStore } from '../health/health-store';

const ERROR_TYPES = Object.values(FallbackErrorType);

const errorType = z.enum(ERROR_TYPES, {
  error: issue => `expected one of ${ERROR_TYPES.map(type => `'${type}'`).join(', ')}${suggest(issue.input)}`,
});

const count = z
  .number({ error: 'expected a whole number >= 0' })
  .int('expected a whole number >= 0')
  .min(0, 'expected a whole number >= 0');
const ms = z
  .number({ error: 'expected a number of milliseconds >= 0' })
  .min(0, 'expected a number of milliseconds >= 0');
const timeoutMs = z.union(
  [z.number().positive('expected a number of milliseconds > 0, or false to turn it off'), z.literal(false)],
  {
    error: 'expected a number of milliseconds > 0, or false to turn it off',
  },
);
const fn = z.custom<(...args: never[]) => unknown>(value => typeof value === 'function', 'expected a function');

export const timeoutsSchema = z.strictObject({
  requestMs: timeoutMs.optional(),
  firstChunkMs: timeoutMs.optional(),
  chunkIdleMs: timeoutMs.optional(),
  totalMs: timeoutMs.optional(),
});

const modelSchema = z.custom<object>(
  value =>
    typeof value === 'object' &&
    value !== null &&
    'specificationVersion' in value &&
    typeof (value as { doGenerate?: unknown }).doGenerate === 'function' &&
    typeof (value as { doStream?: unknown }).doStream === 'function',
  'expected an AI SDK language model (an object with specificationVersion, doGenerate and doStream)',
);

export const entrySchema = z.strictObject({
  model: modelSchema,
  id: z.string().min(1, 'expected a non-empty string').optional(),
  catchErrors: z.array(errorType, { error: 'expected an array of error types' }).optional(),
  maxRetries: count.optional(),
  settings: z.record(z.string(), z.unknown(), { error: 'expected an object of call options' }).optional(),
  timeouts: timeoutsSchema.omit({ totalMs: true }).optional(),
});

export const configSchema = z.strictObject({
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
  maxRetriesPerModel: count.optional(),
  retryOn: z.array(errorType, { error: 'expected an array of error types' }).optional(),
  backoff: z
    .strictObject({
      initialDelayMs: ms.optional(),
      maxDelayMs: ms.optional(),
      multiplier: z.number().min(1, 'expected a number >= 1').optional(),
      jitter: z.boolean({ error: 'expected true or false' }).optional(),
    })
    .optional(),
  maxRetryAfterMs: ms.optional(),
  timeouts: timeoutsSchema.optional(),
  midStream: z.enum(['error', 'continue'], { error: "expected 'error' or 'continue'" }).optional(),
  classifyError: fn.optional(),
  onRetry: fn.optional(),
  onFallback: fn.optional(),
  onSuccess: fn.optional(),
  onExhausted: fn.optional(),
  // `false` turns it off; preprocessing it away lets every other value be checked field by field.
  circuitBreaker: z.preprocess(
    value => (value === false ? undefined : value),
    z
      .strictObject(
        {
          failureThreshold: z
            .number()
            .int('expected a whole number >= 1')
            .min(1, 'expected a whole number >= 1')
            .optional(),
          cooldownMs: z.number().positive('expected a number of milliseconds > 0').optional(),
          maxCooldownMs: z.number().positive('expected a number of milliseconds > 0').optional(),
          store: z
            .custom<object>(
              isHealthStore,
              'expected a health store (an object with get, set, increment and delete), e.g. memoryHealthStore()',
            )
            .optional(),
          storeTimeoutMs: z.number().positive('expected a number of milliseconds > 0').optional(),
        },
        { error: 'expected an object of circuit breaker options, or false to turn it off' },
      )
      .refine(breaker => breaker.maxCooldownMs === undefined || breaker.maxCooldownMs >= (breaker.cooldownMs ?? 0), {
        message: 'expected a number of milliseconds >= cooldownMs',
        path: ['maxCooldownMs'],
      })
      .optional(),
  ),
  onCircuitOpen: fn.optional(),
  onCircuitClose: fn.optional(),
  logger: z
    .custom<object>(value => typeof value === 'object' && value !== null, 'expected a console-compatible logger')
    .optional(),
});

/** " (did you mean 'rate-limit'?)" for a near miss such as 'ratelimit' or 'RateLimit'. */
function suggest(input: unknown): string {
  if (typeof input !== 'string') return '';
  const normalized = input.toLowerCase().replace(/[^a-z]/g, '');
  const match = Object.entries(FallbackErrorType).find(
    ([key, value]) => key.toLowerCase() === normalized || value.replace(/-/g, '') === normalized,
  );
  return match ? ` (did you mean '${match[1]}'?)` : '';
}
