import { type ClassifiedFailure, entryRef } from '../engine/classify-attempt';
import { emitEvent } from '../engine/emit-event';
import { describeError } from '../errors/error-details';
import type { FallbackErrorType } from '../errors/fallback-error-type';
import type { FallbackTimeoutKind } from '../errors/fallback-timeout-error';
import type { ResolvedEntry, ResolvedOptions } from '../options/resolve-options';
import type { FallbackCallContext, FallbackSkip } from '../types';
import { circuitState, countsAsFailure, type EntryHealth, HEALTHY } from './breaker';
import type { ResolvedCircuitBreaker } from './circuit-breaker-defaults';
import { type HealthView, healthViewFor } from './health-view';
import type { StoreContext } from './store-access';

/**
 * The entry may be called. `probe`: this call holds its half-open probe
 * lease. `retry`: a retry this call waited for, made although another call
 * holds the lease.
 */
export interface AdmittedGate {
  admitted: true;
  probe: boolean;
  retry?: boolean;
  health: EntryHealth;
}

/** The entry is skipped; the chain moves on as a failure of `type` would. */
export interface DeniedGate {
  admitted: false;
  skip: FallbackSkip;
  type: Exclude<FallbackErrorType, 'all'>;
}

export type Gate = AdmittedGate | DeniedGate;

/** What the attempt loop asks about health, once per attempt. */
export interface CallHealth {
  /**
   * Whether to call `entry` now. `bypass`: every remaining entry is open, call
   * it anyway. `retryDueAt`: this is a retry the chain waited for, due then.
   */
  admit(entry: ResolvedEntry, bypass: boolean, retryDueAt?: number): Promise<Gate>;
  /** The attempt answered. */
  succeeded(entry: ResolvedEntry, gate: AdmittedGate): Promise<void>;
  /** The attempt failed; resolves what is known about the entry now. */
  failed(
    entry: ResolvedEntry,
    gate: AdmittedGate,
    failure: ClassifiedFailure,
    timeoutKind: FallbackTimeoutKind | undefined,
  ): Promise<EntryHealth>;
  /** The caller aborted the attempt: no verdict; a probe lease is given back. Never waits. */
  released(entry: ResolvedEntry, gate: AdmittedGate): void;
  /** True when `health` says the entry is still open at `at` (a retry then would be skipped anyway). */
  openAt(health: EntryHealth, at: number): boolean;
}

const OPEN: AdmittedGate = Object.freeze({ admitted: true as const, probe: false, health: HEALTHY });

/** With the breaker off: every entry is always admitted and nothing is recorded. */
const NO_HEALTH: CallHealth = {
  admit: () => Promise.resolve(OPEN),
  succeeded: () => Promise.resolve(),
  failed: () => Promise.resolve(HEALTHY),
  released: () => {},
  openAt: () => false,
};

/**
 * The breaker as one call sees it: reads and records health, and emits the
 * circuit events. `signal` is the caller's: an abort ends any wait on the
 * store at once, and the call with the caller's reason.
 */
export function callHealth(options: ResolvedOptions, context: FallbackCallContext, signal?: AbortSignal): CallHealth {
  const settings = options.circuitBreaker;
  if (settings === false) return NO_HEALTH;
  return new BreakerCall(settings, healthViewFor(settings.store), options, context, signal);
}

class BreakerCall implements CallHealth {
  private readonly store: StoreContext;
  /** For work that outlives the caller's abort: giving a probe lease back. */
  private readonly detached: StoreContext;

  constructor(
    private readonly settings: ResolvedCircuitBreaker,
    private readonly view: HealthView,
    private readonly options: ResolvedOptions,
    private readonly context: FallbackCallContext,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.detached = { logger: options.logger, timeoutMs: settings.storeTimeoutMs };
    this.store = signal === undefined ? this.detached : { ...this.detached, signal };
  }

  async admit(entry: ResolvedEntry, bypass: boolean, retryDueAt?: number): Promise<Gate> {
    // Health must never fail a call: anything unexpected admits the entry.
    try {
      const health = await this.view.read(entry.id, this.settings, this.store);
      // A retry is judged at the time it was due: the chain waited exactly as long as the circuit it opened.
      const state = circuitState(health, Math.max(Date.now(), retryDueAt ?? 0));
      if (state === 'closed' || bypass) return { admitted: true, probe: false, health };
      const circuit = health.circuit!;
      if (state === 'half-open') {
        if (await this.view.acquireProbe(entry.id, circuit, this.settings, this.store)) {
          this.options.logger.debug?.(`[ai-sdk-fallback] ${entry.id} is half-open; this call probes it`);
          return { admitted: true, probe: true, health };
        }
        // The provider asked this call to come back now: it does, even while another call probes.
        if (retryDueAt !== undefined) return { admitted: true, probe: false, retry: true, health };
      }
      const skip: FallbackSkip = {
        reason: state === 'open' ? 'circuit-open' : 'probe-in-flight',
        openedBy: circuit.reason,
        until: circuit.until,
      };
      this.options.logger.debug?.(
        `[ai-sdk-fallback] skipping ${entry.id}: ${skip.reason} until ${new Date(skip.until).toISOString()}`,
      );
      return { admitted: false, skip, type: circuit.type };
    } catch (error) {
      this.throwIfAborted();
      this.unexpected(error);
      return OPEN;
    }
  }

  async succeeded(entry: ResolvedEntry, gate: AdmittedGate): Promise<void> {
    try {
      const closed = await this.view.recordSuccess(entry.id, gate.probe, gate.health, this.settings, this.store);
      if (closed === undefined) return;
      const reason = gate.probe ? 'probe' : gate.retry ? 'retry' : 'last-resort';
      this.options.logger.info?.(`[ai-sdk-fallback] ${entry.id} answered (${reason}); circuit closed`);
      emitEvent(
        'onCircuitClose',
        this.options.onCircuitClose,
        {
          ...this.context,
          entry: entryRef(entry),
          reason,
          until: closed.until,
        },
        this.options.logger,
      );
    } catch (error) {
      // The caller gave up while the success was recorded: the answer stands, nothing went wrong.
      if (this.signal?.aborted) return;
      this.unexpected(error);
    }
  }

  async failed(
    entry: ResolvedEntry,
    gate: AdmittedGate,
    failure: ClassifiedFailure,
    timeoutKind: FallbackTimeoutKind | undefined,
  ): Promise<EntryHealth> {
    try {
      if (!countsAsFailure(failure.type, timeoutKind)) {
        if (gate.probe) await this.view.releaseProbe(entry.id, this.store);
        return gate.health;
      }
      const { health, opened } = await this.view.recordFailure(
        entry.id,
        { type: failure.type, retryAfterMs: failure.retryAfterMs, probe: gate.probe },
        this.settings,
        this.store,
      );
      if (opened !== undefined) {
        this.options.logger.warn?.(
          `[ai-sdk-fallback] ${entry.id} circuit opened (${opened.reason}, ${failure.type}: ${describeError(failure.error)}); skipping it until ${new Date(opened.until).toISOString()}`,
        );
        emitEvent(
          'onCircuitOpen',
          this.options.onCircuitOpen,
          {
            ...this.context,
            entry: entryRef(entry),
            reason: opened.reason,
            until: opened.until,
            cooldownMs: opened.cooldownMs,
            failures: health.failures,
            type: failure.type,
            error: failure.error,
            ...(failure.statusCode === undefined ? {} : { statusCode: failure.statusCode }),
          },
          this.options.logger,
        );
      }
      return health;
    } catch (error) {
      this.throwIfAborted();
      this.unexpected(error);
      return gate.health;
    }
  }

  released(entry: ResolvedEntry, gate: AdmittedGate): void {
    if (!gate.probe) return;
    // The caller has aborted: the lease is still given back, with a wait of its own.
    this.view.releaseProbe(entry.id, this.detached).catch(error => this.unexpected(error));
  }

  openAt(health: EntryHealth, at: number): boolean {
    return circuitState(health, at) === 'open';
  }

  /** Health never fails a call, except to end it with the caller's own reason once they aborted. */
  private throwIfAborted(): void {
    if (this.signal?.aborted) throw this.signal.reason;
  }

  private unexpected(error: unknown): void {
    this.options.logger.warn?.(`[ai-sdk-fallback] circuit breaker error ignored: ${describeError(error)}`);
  }
}
