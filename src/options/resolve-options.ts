import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ResolvedBackoff } from '../engine/backoff-delay';
import { CLASSIFIED_ERROR_TYPES, type FallbackErrorType, REQUEST_ERROR_TYPES } from '../errors/fallback-error-type';
import { type ResolvedCircuitBreaker, resolveCircuitBreaker } from '../health/circuit-breaker-defaults';
import type { ChainModel } from '../spec/chain-model';
import { normalizeModel } from '../spec/normalize-model';
import type { SpecVersion } from '../spec/spec-version';
import type { FallbackConfig, FallbackEntry, FallbackEntryRef, FallbackEntrySettings, FallbackLogger } from '../types';
import { definedOnly } from '../util/defined-only';
import { formatIssues } from './format-issues';
import { configSchema, entrySchema } from './options-schema';

/** Per-attempt clocks of one entry, defaults applied. */
export interface ResolvedTimeouts {
  requestMs: number | false;
  firstChunkMs: number | false;
  chunkIdleMs: number | false;
}

/**
 * An entry with every default applied and its model normalized to the
 * chain's spec version (V4 unless the chain was resolved for another).
 */
export interface ResolvedEntry<MODEL extends ChainModel = LanguageModelV4> extends FallbackEntryRef {
  model: MODEL;
  catchErrors: readonly FallbackErrorType[];
  maxRetries: number;
  settings: FallbackEntrySettings | undefined;
  timeouts: ResolvedTimeouts;
}

/** The chain-level options with every default applied. */
export interface ResolvedOptions
  extends Pick<
    FallbackConfig,
    'classifyError' | 'onRetry' | 'onFallback' | 'onSuccess' | 'onExhausted' | 'onCircuitOpen' | 'onCircuitClose'
  > {
  enabled: boolean;
  maxRetriesPerModel: number;
  retryOn: readonly FallbackErrorType[];
  backoff: ResolvedBackoff;
  maxRetryAfterMs: number;
  totalMs: number | false;
  timeouts: ResolvedTimeouts;
  midStream: 'error' | 'continue';
  logger: FallbackLogger;
  /** `false` when the breaker is off. */
  circuitBreaker: ResolvedCircuitBreaker | false;
}

/** Why each default is what it is: see the README's "Timeouts" section. */
export const DEFAULT_TIMEOUTS = {
  requestMs: 600_000,
  firstChunkMs: 300_000,
  chunkIdleMs: 300_000,
  totalMs: 1_200_000,
} as const;

const DEFAULT_RETRY_ON: readonly FallbackErrorType[] = ['rate-limit', 'provider-unavailable', 'network'];
const DEFAULT_CATCH_ERRORS: readonly FallbackErrorType[] = CLASSIFIED_ERROR_TYPES.filter(
  type => !REQUEST_ERROR_TYPES.includes(type),
);
const SILENT: FallbackLogger = {};

/** Validates `withFallback`'s config, failing at construction with every bad field named. */
export function resolveOptions(config: FallbackConfig, caller = 'withFallback'): ResolvedOptions {
  const parsed = configSchema.safeParse(config ?? {});
  if (!parsed.success) {
    throw new TypeError(formatIssues(`${caller}: invalid config`, 'config', parsed.error.issues));
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(config.timeouts) };
  return {
    enabled: config.enabled ?? true,
    maxRetriesPerModel: config.maxRetriesPerModel ?? 2,
    retryOn: config.retryOn ?? DEFAULT_RETRY_ON,
    backoff: {
      initialDelayMs: 500,
      maxDelayMs: 8_000,
      multiplier: 2,
      jitter: true,
      ...config.backoff,
    },
    maxRetryAfterMs: config.maxRetryAfterMs ?? 10_000,
    totalMs: timeouts.totalMs,
    timeouts: {
      requestMs: timeouts.requestMs,
      firstChunkMs: timeouts.firstChunkMs,
      chunkIdleMs: timeouts.chunkIdleMs,
    },
    midStream: config.midStream ?? 'error',
    classifyError: config.classifyError,
    onRetry: config.onRetry,
    onFallback: config.onFallback,
    onSuccess: config.onSuccess,
    onExhausted: config.onExhausted,
    circuitBreaker: resolveCircuitBreaker(config.circuitBreaker),
    onCircuitOpen: config.onCircuitOpen,
    onCircuitClose: config.onCircuitClose,
    logger: config.logger ?? SILENT,
  };
}

/** Where `resolveEntries` is called from, for messages, and the chain's spec version. */
export interface ResolveEntriesSettings {
  caller?: string;
  root?: string;
  /** The index the first entry has in the chain (1 for the middleware's fallbacks). */
  first?: number;
  /** The spec version models are normalized to. Default `'v4'`. */
  version?: SpecVersion;
}

/**
 * Normalizes the chain's entries: bare models become entries, models are
 * lifted to the chain's spec version (V2/V3 to V4 as `ai` does, by default),
 * and each entry gets a unique id.
 */
export function resolveEntries(
  models: readonly (ChainModel | FallbackEntry<ChainModel>)[],
  options: ResolvedOptions,
  settings?: Omit<ResolveEntriesSettings, 'version'> & { version?: 'v4' },
): ResolvedEntry[];
export function resolveEntries(
  models: readonly (ChainModel | FallbackEntry<ChainModel>)[],
  options: ResolvedOptions,
  settings: ResolveEntriesSettings,
): ResolvedEntry<ChainModel>[];
export function resolveEntries(
  models: readonly (ChainModel | FallbackEntry<ChainModel>)[],
  options: ResolvedOptions,
  { caller = 'withFallback', root = 'models', first = 0, version = 'v4' }: ResolveEntriesSettings = {},
): ResolvedEntry<ChainModel>[] {
  if (!Array.isArray(models) || (models.length === 0 && first === 0)) {
    throw new TypeError(`${caller}: ${root}: expected a non-empty array of models or { model } entries`);
  }
  const entries = models.map((item, position) => {
    const entry = isEntry(item) ? item : { model: item };
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      throw new TypeError(formatIssues(`${caller}: invalid entry`, `${root}[${position}]`, parsed.error.issues));
    }
    return entry as FallbackEntry<ChainModel>;
  });

  const used = new Map<string, number>();
  return entries.map((entry, position) => {
    const model = normalizeModel(entry.model, version, `${caller}: ${root}[${position}].model`);
    const base = entry.id ?? `${model.provider}:${model.modelId}`;
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    if (seen > 1 && entry.id !== undefined) {
      throw new TypeError(
        `${caller}: ${root}[${position}].id: '${entry.id}' is already used by another entry; ids must be unique`,
      );
    }
    return {
      index: first + position,
      id: seen > 1 ? `${base}#${seen}` : base,
      provider: model.provider,
      modelId: model.modelId,
      model,
      catchErrors: entry.catchErrors ?? DEFAULT_CATCH_ERRORS,
      maxRetries: entry.maxRetries ?? options.maxRetriesPerModel,
      settings: entry.settings,
      timeouts: { ...options.timeouts, ...definedOnly(entry.timeouts) },
    };
  });
}

function isEntry(item: ChainModel | FallbackEntry<ChainModel>): item is FallbackEntry<ChainModel> {
  return typeof item === 'object' && item !== null && 'model' in item && !('specificationVersion' in item);
}
