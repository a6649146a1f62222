import type { ResolvedCircuitBreaker } from '../health/circuit-breaker-defaults';
import { memoryHealthStore } from '../health/memory-health-store';
import type {
  FallbackCheckResult,
  FallbackCommit,
  FallbackConfig,
  FallbackEntry,
  FallbackEntryRef,
  FallbackEntrySettings,
  FallbackEventHook,
  FallbackHedge,
  FallbackLogger,
  FallbackPreparePrompt,
} from '../types';
import type { FallbackErrorType } from '../types/error-type';
import { definedOnly } from '../util/defined-only';
import type { ChainModel } from '../versions/chain-model';
import { normalizeModel } from '../versions/lift';
import type { SpecVersion } from '../versions/spec-version';
import type { ResolvedBackoff } from './backoff';
import type { ChainPolicy } from './decide';
import { DEFAULTS } from './defaults';
import { entryIds } from './entry-ids';
import { guardLogger } from './guard-logger';
import { type ChainHealth, chainHealth } from './health';
import { parseOptions } from './options-schema';
import { type ResolvedTelemetry, resolveTelemetry } from './telemetry/start';

/** Per-attempt clocks of one entry, defaults applied. */
export interface ResolvedTimeouts {
  requestMs: number | false;
  firstChunkMs: number | false;
  chunkIdleMs: number | false;
}

/** An entry with every default applied and its model normalized to the chain's spec version. */
export interface ResolvedEntry<MODEL = ChainModel, SETTINGS = FallbackEntrySettings> extends FallbackEntryRef {
  model: MODEL;
  catchErrors: readonly FallbackErrorType[];
  maxRetries: number;
  settings: SETTINGS | undefined;
  timeouts: ResolvedTimeouts;
  /** The entry's own check, else the chain's. */
  checkResult: FallbackCheckResult | undefined;
  commit: FallbackCommit;
  /** How a history is prepared for this entry; absent is the default (`DEFAULTS.preparePrompt`). */
  preparePrompt?: boolean | FallbackPreparePrompt;
  /** `false`: never hedged, nor started as a hedge. */
  hedge: boolean;
}

/** `hedge` with every default applied. */
export type ResolvedHedge = Required<FallbackHedge>;

/** The chain-level options with every default applied. */
export interface ResolvedOptions extends Pick<FallbackConfig, 'classifyError' | FallbackEventHook> {
  enabled: boolean;
  maxRetriesPerModel: number;
  retryOn: readonly FallbackErrorType[];
  backoff: ResolvedBackoff;
  maxRetryAfterMs: number;
  totalMs: number | false;
  timeouts: ResolvedTimeouts;
  midStream: 'error' | 'continue';
  checkResult: FallbackCheckResult | undefined;
  commit: FallbackCommit;
  /** The user's logger, each call guarded: a logger that throws never breaks a call. */
  logger: FallbackLogger;
  /** `false` when the breaker is off. */
  circuitBreaker: ResolvedCircuitBreaker | false;
  /** `false` when telemetry is off. */
  telemetry: ResolvedTelemetry;
  /** `undefined` when hedging is off: the loop then arms nothing for it. */
  hedge: ResolvedHedge | undefined;
}

/** A chain ready to run: its entries, options, and the policy the decision reads. */
export interface Chain<ENTRY = ResolvedEntry> {
  entries: readonly ENTRY[];
  options: ResolvedOptions;
  policy: ChainPolicy;
  /** Reads and records the entries' health for every call of the chain. */
  health: ChainHealth;
  /** Some entry judges its answers beyond the built-in checks (`checkResult`, or `commit: 'finish'`). */
  judges: boolean;
}

/** Validates the options of any entry point, failing at construction with every bad field named. */
export function resolveOptions(config: FallbackConfig | undefined, caller = 'withFallback'): ResolvedOptions {
  parseOptions(config, caller);
  const options = config ?? {};
  const timeouts = { ...DEFAULTS.timeouts, ...definedOnly(options.timeouts) };
  return {
    enabled: options.enabled ?? DEFAULTS.enabled,
    maxRetriesPerModel: options.maxRetriesPerModel ?? DEFAULTS.maxRetriesPerModel,
    retryOn: options.retryOn ?? DEFAULTS.retryOn,
    backoff: { ...DEFAULTS.backoff, ...definedOnly(options.backoff) },
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
    totalMs: timeouts.totalMs,
    timeouts: { requestMs: timeouts.requestMs, firstChunkMs: timeouts.firstChunkMs, chunkIdleMs: timeouts.chunkIdleMs },
    midStream: options.midStream ?? DEFAULTS.midStream,
    checkResult: options.checkResult,
    commit: options.commit ?? DEFAULTS.commit,
    classifyError: options.classifyError,
    onRetry: options.onRetry,
    onFallback: options.onFallback,
    onSuccess: options.onSuccess,
    onExhausted: options.onExhausted,
    circuitBreaker: resolveCircuitBreaker(options.circuitBreaker),
    onCircuitOpen: options.onCircuitOpen,
    onCircuitClose: options.onCircuitClose,
    hedge:
      options.hedge === undefined ? undefined : ({ ...DEFAULTS.hedge, ...definedOnly(options.hedge) } as ResolvedHedge),
    onHedge: options.onHedge,
    logger: guardLogger(options.logger),
    telemetry: resolveTelemetry(options.telemetry, DEFAULTS.telemetry),
  };
}

function resolveCircuitBreaker(config: FallbackConfig['circuitBreaker']): ResolvedCircuitBreaker | false {
  if (config === false || config?.enabled === false) return false;
  const defaults = DEFAULTS.circuitBreaker;
  const cooldownMs = config?.cooldownMs ?? defaults.cooldownMs;
  return {
    failureThreshold: config?.failureThreshold ?? defaults.failureThreshold,
    cooldownMs,
    maxCooldownMs: config?.maxCooldownMs ?? Math.max(cooldownMs, defaults.maxCooldownMs),
    store: config?.store ?? memoryHealthStore(),
    storeTimeoutMs: config?.storeTimeoutMs ?? defaults.storeTimeoutMs,
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
 * lifted to the chain's spec version, and each entry gets a unique id.
 * Entries were validated with the options (`parseEntries`).
 */
export function resolveEntries(
  entries: readonly FallbackEntry<ChainModel>[],
  options: ResolvedOptions,
  { caller = 'withFallback', root = 'models', first = 0, version = 'v4' }: ResolveEntriesSettings = {},
): ResolvedEntry[] {
  const models = entries.map((entry, position) =>
    normalizeModel(entry.model, version, `${caller}: ${root}[${position}].model`),
  );
  const ids = entryIds(
    entries.map((entry, position) => ({ id: entry.id, model: models[position]! })),
    { caller, root },
  );
  return entries.map((entry, position) => {
    const model = models[position]!;
    return {
      index: first + position,
      id: ids[position]!,
      provider: model.provider,
      modelId: model.modelId,
      model,
      catchErrors: entry.catchErrors ?? DEFAULTS.catchErrors,
      maxRetries: entry.maxRetries ?? options.maxRetriesPerModel,
      settings: entry.settings,
      timeouts: { ...options.timeouts, ...definedOnly(entry.timeouts) },
      checkResult: entry.checkResult ?? options.checkResult,
      commit: entry.commit ?? options.commit,
      preparePrompt: entry.preparePrompt ?? DEFAULTS.preparePrompt,
      hedge: entry.hedge !== false,
    };
  });
}

/** The chain the entry points run. */
export function createChain<ENTRY extends ResolvedEntry<unknown, unknown>>(
  entries: readonly ENTRY[],
  options: ResolvedOptions,
): Chain<ENTRY> {
  return {
    entries,
    options,
    policy: { entries, retryOn: options.retryOn, maxRetryAfterMs: options.maxRetryAfterMs },
    health: chainHealth(options),
    judges: entries.some(entry => entry.checkResult !== undefined || entry.commit === 'finish'),
  };
}
