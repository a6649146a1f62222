import { type core, z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import { FallbackConfigError } from '../errors/fallback-config-error';
import { formatIssues, formatPath } from '../errors/format-issues';
import { isHealthStore } from '../health/health-store';
import type { FallbackEntry } from '../types';
import { FallbackErrorType } from '../types/error-type';
import type { ChainModel } from '../versions/chain-model';
import { DEFAULTS } from './defaults';
import { entryHedgeSchema, hedgeSchema } from './hedge-schema';
import { kindOptionsShape } from './kind-options-schema';
import { expectedNumber, numberOption } from './number-option';
import { preparePromptSchema } from './prepare-prompt-schema';
import { resultCheckFields } from './result-check-schema';
import { knownKeys, nestedOption } from './schema-keys';
import { callOnlyMessage, RENAMED_SETTINGS, SETTING_NAMES, settingsSchema } from './settings-schema';
import { telemetrySchema } from './telemetry-schema';

const ERROR_TYPES = Object.values(FallbackErrorType);

const errorType = z.enum(ERROR_TYPES, {
  // The original design's names (`RateLimit`, `ProviderQuotaExceeded`) suggest their values.
  error: issue =>
    `expected one of ${ERROR_TYPES.map(type => `'${type}'`).join(', ')}${didYouMean(issue.input, ERROR_TYPES, FallbackErrorType)}`,
});
const logMethod = z.custom<(...args: never[]) => unknown>(
  value => value === undefined || typeof value === 'function',
  'expected a function',
);

const count = numberOption('whole number >= 0', { int: true, min: 0 });
const ms = numberOption('number of milliseconds >= 0', { min: 0 });
// No upper bound: the clocks run on one sweep, so a timeout of days is kept, never passed to setTimeout.
const TIMEOUT = 'number of milliseconds > 0, or false to turn it off';
const timeoutMs = z.union([numberOption(TIMEOUT, { gt: 0 }), z.literal(false)], { error: expectedNumber(TIMEOUT) });
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

const positiveMs = numberOption('number of milliseconds > 0', { gt: 0 });

/** The breaker's fields that data can hold (the config loader takes these; the store comes from code). */
export const breakerFields = {
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
  failureThreshold: numberOption('whole number >= 1', { int: true, min: 1 }).optional(),
  cooldownMs: positiveMs.optional(),
  maxCooldownMs: positiveMs.optional(),
  storeTimeoutMs: positiveMs.optional(),
};

/** `false` is short for `{ enabled: false }`. */
export function withBreakerShorthand<SCHEMA extends z.ZodType>(schema: SCHEMA) {
  return z.preprocess(value => (value === false ? { enabled: false } : value), schema);
}

const circuitBreakerSchema = withBreakerShorthand(
  z
    .strictObject(
      {
        ...breakerFields,
        store: z
          .custom<object>(
            isHealthStore,
            'expected a health store (an object with get, set, increment and delete), e.g. memoryHealthStore()',
          )
          .optional(),
      },
      { error: 'expected an object of circuit breaker options, or false to turn it off' },
    )
    .refine(
      breaker =>
        breaker.maxCooldownMs === undefined ||
        breaker.maxCooldownMs >= (breaker.cooldownMs ?? DEFAULTS.circuitBreaker.cooldownMs),
      {
        message: 'expected a number of milliseconds >= cooldownMs',
        path: ['maxCooldownMs'],
      },
    ),
);

export const entrySchema = z.strictObject({
  model: modelSchema,
  id: z.string().min(1, 'expected a non-empty string').optional(),
  catchErrors: z.array(errorType, { error: 'expected an array of error types' }).optional(),
  maxRetries: count.optional(),
  settings: settingsSchema.optional(),
  timeouts: timeoutsSchema.omit({ totalMs: true }).optional(),
  ...resultCheckFields,
  preparePrompt: preparePromptSchema.optional(),
  hedge: entryHedgeSchema.optional(),
});

export const configSchema = z.strictObject({
  enabled: z.boolean({ error: 'expected true or false' }).optional(),
  maxRetriesPerModel: count.optional(),
  retryOn: z.array(errorType, { error: 'expected an array of error types' }).optional(),
  backoff: z
    .strictObject({
      initialDelayMs: ms.optional(),
      maxDelayMs: ms.optional(),
      multiplier: numberOption('number >= 1', { min: 1 }).optional(),
      jitter: z.boolean({ error: 'expected true or false' }).optional(),
    })
    .refine(
      backoff =>
        backoff.maxDelayMs === undefined ||
        backoff.initialDelayMs === undefined ||
        backoff.maxDelayMs >= backoff.initialDelayMs,
      { message: 'expected a number of milliseconds >= initialDelayMs', path: ['maxDelayMs'] },
    )
    .optional(),
  maxRetryAfterMs: ms.optional(),
  timeouts: timeoutsSchema.optional(),
  midStream: z.enum(['error', 'continue'], { error: "expected 'error' or 'continue'" }).optional(),
  ...resultCheckFields,
  classifyError: fn.optional(),
  onRetry: fn.optional(),
  onFallback: fn.optional(),
  onSuccess: fn.optional(),
  onExhausted: fn.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  onCircuitOpen: fn.optional(),
  onCircuitClose: fn.optional(),
  ...kindOptionsShape,
  telemetry: telemetrySchema.optional(),
  hedge: hedgeSchema.optional(),
  onHedge: fn.optional(),
  logger: z
    .object(
      {
        debug: logMethod.optional(),
        info: logMethod.optional(),
        warn: logMethod.optional(),
        error: logMethod.optional(),
      },
      { error: 'expected a console-compatible logger (an object with debug, info, warn and error functions)' },
    )
    .optional(),
});

/**
 * Validates the options of `withFallback`, `fallbackMiddleware` and the
 * config loader's chain (one schema for all), throwing one
 * {@link FallbackConfigError} that names every bad field, what it expected,
 * and the closest known name for an unknown one. Values are never echoed.
 */
export function parseOptions(config: unknown, caller: string): void {
  if (config === undefined) return;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    const message = `expected an object of options, or nothing${config === null ? ' (null is not accepted: pass {} or leave it out)' : ''}`;
    fail(caller, [{ path: [], message }], 'config');
  }
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) fail(`${caller}: invalid config`, explain(parsed.error.issues, configSchema), 'config');
}

/** Validates the models of a chain and returns them as entries (a bare model is `{ model }`). */
export function parseEntries(
  models: unknown,
  { caller, root, allowEmpty = false }: { caller: string; root: string; allowEmpty?: boolean },
): FallbackEntry<ChainModel>[] {
  if (!Array.isArray(models) || (models.length === 0 && !allowEmpty)) {
    fail(caller, [{ path: [], message: 'expected a non-empty array of models or { model } entries' }], root);
  }
  return models.map((item, position) => {
    const entry = isEntry(item) ? item : { model: item };
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      fail(`${caller}: invalid entry`, explain(parsed.error.issues, entrySchema), `${root}[${position}]`);
    }
    return entry as FallbackEntry<ChainModel>;
  });
}

export type Issue = { path: PropertyKey[]; message: string };
export function fail(prefix: string, issues: readonly Issue[], root: string): never {
  const message =
    issues.length === 1 && issues[0]!.path.length === 0
      ? `${prefix}: ${root}: ${issues[0]!.message}`
      : formatIssues(prefix, root, issues);
  throw new FallbackConfigError(message, {
    issues: issues.map(issue => ({ path: formatPath(root, issue.path), message: issue.message })),
  });
}

/** Unknown keys become one issue each, with the closest known key of that object. */
export function explain(issues: readonly core.$ZodIssue[], schema: z.ZodType): Issue[] {
  return issues.flatMap(issue => {
    const path = issue.path as PropertyKey[];
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    const where = {
      known: knownKeys(schema, path),
      nested: (key: string) => nestedOption(schema, path, key),
      onEntry: schema === entrySchema && path.length === 0,
      inSettings: schema === entrySchema && path.length === 1 && path[0] === 'settings',
    };
    return issue.keys.map(key => ({ path: [...path, key], message: unknownOption(key, where) }));
  });
}

function unknownOption(
  key: string,
  {
    known,
    nested,
    onEntry,
    inSettings,
  }: { known: readonly string[]; nested: (key: string) => string | undefined; onEntry: boolean; inSettings: boolean },
): string {
  const callOnly = inSettings ? callOnlyMessage(key) : undefined;
  if (callOnly !== undefined) return callOnly;
  const suggestion = didYouMean(key, known, inSettings ? RENAMED_SETTINGS : {});
  if (suggestion !== '') return `unknown option${suggestion}`;
  // A call option written on the entry itself belongs in its settings.
  if (onEntry && (SETTING_NAMES as readonly string[]).includes(key)) {
    return `unknown option; call options of an entry go in its settings (settings.${key})`;
  }
  const below = nested(key);
  if (below !== undefined) return `unknown option (did you mean '${below}'?)`;
  return `unknown option; expected one of ${known.map(name => `'${name}'`).join(', ')}`;
}

function isEntry(item: unknown): item is FallbackEntry<ChainModel> {
  return typeof item === 'object' && item !== null && 'model' in item && !('specificationVersion' in item);
}
