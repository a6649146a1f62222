import { describeError } from '../errors/describe';
import type { FallbackTimeoutKind } from '../errors/fallback-timeout-error';
import { circuitState, countsAsFailure, type EntryHealth, HEALTHY } from '../health/breaker';
import type { ResolvedCircuitBreaker } from '../health/circuit-breaker-defaults';
import { type HealthView, healthViewFor } from '../health/health-view';
import type { StoreContext } from '../health/store-access';
import type { FallbackCallContext, FallbackEntryRef, FallbackSkip } from '../types';
import type { FallbackErrorType } from '../types/error-type';
import { type ClassifiedFailure, entryRef } from './failure';
import { emitEvent } from './observe';
import type { ResolvedOptions } from './options';

/** The entry may be called. `probe`: this call holds the half-open probe lease. `retry`: a retry this call waited for, made although another call holds the lease. */
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

/** One call, as health sees it: for its events, and the caller's signal that ends any wait on the store. */
export interface HealthCall {
  context: FallbackCallContext;
  signal: AbortSignal | undefined;
}

/** What the attempt loop asks about health, once per attempt. Synchronous when nothing needs the store. */
export interface ChainHealth {
  /** Whether to call `entry` now. `bypass`: every remaining entry is open, call it anyway. `retryDueAt`: a retry the chain waited for, due then. */
  admit(call: HealthCall, entry: FallbackEntryRef, bypass: boolean, retryDueAt?: number): Gate | Promise<Gate>;
  /** The attempt answered. */
  succeeded(call: HealthCall, entry: FallbackEntryRef, gate: AdmittedGate): void | Promise<void>;
  /** The attempt failed; resolves what is known about the entry now. */
  failed(
    call: HealthCall,
    entry: FallbackEntryRef,
    gate: AdmittedGate,
    failure: ClassifiedFailure,
    timeoutKind: FallbackTimeoutKind | undefined,
  ): Promise<EntryHealth>;
  /** The caller aborted the attempt, or it lost a hedge race: no verdict; a probe lease is given back. Never waits. */
  released(_call: HealthCall, entry: FallbackEntryRef, gate: AdmittedGate): void;
  /** Whether a hedge may start `entry`: only while its circuit is closed (never a probe). */
  admitHedge(call: HealthCall, entry: FallbackEntryRef): AdmittedGate | undefined | Promise<AdmittedGate | undefined>;
}

const ADMITTED: AdmittedGate = Object.freeze({ admitted: true as const, probe: false, health: HEALTHY });

/** With the breaker off: every entry is always admitted and nothing is recorded. */
const NO_HEALTH: ChainHealth = {
  admit: () => ADMITTED,
  succeeded: () => {},
  failed: () => Promise.resolve(HEALTHY),
  released: () => {},
  admitHedge: () => ADMITTED,
};

/** How long from `now` `health` keeps the entry open (0 when it is closed or half-open). */
export function openForMs(health: EntryHealth, now: number): number {
  return circuitState(health, now) === 'open' ? health.circuit!.until - now : 0;
}

/** The breaker as a chain uses it: reads and records health, and emits the circuit events. */
export function chainHealth(options: ResolvedOptions): ChainHealth {
  const settings = options.circuitBreaker;
  if (settings === false) return NO_HEALTH;
  return new BreakerHealth(settings, healthViewFor(settings.store), options);
}

class BreakerHealth implements ChainHealth {
  private readonly store: StoreContext;

  constructor(
    private readonly settings: ResolvedCircuitBreaker,
    private readonly view: HealthView,
    private readonly options: ResolvedOptions,
  ) {
    this.store = { logger: options.logger, timeoutMs: settings.storeTimeoutMs };
  }

  admit(call: HealthCall, entry: FallbackEntryRef, bypass: boolean, retryDueAt?: number): Gate | Promise<Gate> {
    const known = this.view.peek(entry.id);
    // The healthy path reads nothing from the store and allocates nothing.
    if (known === HEALTHY) return ADMITTED;
    if (known !== undefined && (bypass || circuitState(known, Date.now()) === 'closed')) {
      return { admitted: true, probe: false, health: known };
    }
    return this.admitSlowly(call, entry, bypass, retryDueAt);
  }

  private async admitSlowly(
    call: HealthCall,
    entry: FallbackEntryRef,
    bypass: boolean,
    retryDueAt: number | undefined,
  ): Promise<Gate> {
    // Health must never fail a call: anything unexpected admits the entry.
    try {
      const store = this.storeFor(call);
      const health = await this.view.read(entry.id, this.settings, store);
      // A retry is judged at the time it was due: the chain waited exactly as long as the circuit it opened.
      const state = circuitState(health, Math.max(Date.now(), retryDueAt ?? 0));
      if (state === 'closed' || bypass) return { admitted: true, probe: false, health };
      const circuit = health.circuit!;
      if (state === 'half-open') {
        if (await this.view.acquireProbe(entry.id, circuit, this.settings, store)) {
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
      throwIfAborted(call);
      this.unexpected(error);
      return ADMITTED;
    }
  }

  succeeded(call: HealthCall, entry: FallbackEntryRef, gate: AdmittedGate): void | Promise<void> {
    const { health } = gate;
    // Nothing to forget: the healthy path costs no store write.
    if (!gate.probe && health.circuit === undefined && health.failures === 0) return;
    return this.recordSuccess(call, entry, gate);
  }

  private async recordSuccess(call: HealthCall, entry: FallbackEntryRef, gate: AdmittedGate): Promise<void> {
    try {
      const closed = await this.view.recordSuccess(
        entry.id,
        gate.probe,
        gate.health,
        this.settings,
        this.storeFor(call),
      );
      if (closed === undefined) return;
      const reason = gate.probe ? 'probe' : gate.retry ? 'retry' : 'last-resort';
      this.options.logger.info?.(`[ai-sdk-fallback] ${entry.id} answered (${reason}); circuit closed`);
      emitEvent(
        'onCircuitClose',
        this.options.onCircuitClose,
        { ...call.context, entry: entryRef(entry), reason, until: closed.until },
        this.options.logger,
      );
    } catch (error) {
      // The caller gave up while the success was recorded: the answer stands, nothing went wrong.
      if (call.signal?.aborted) return;
      this.unexpected(error);
    }
  }

  async failed(
    call: HealthCall,
    entry: FallbackEntryRef,
    gate: AdmittedGate,
    failure: ClassifiedFailure,
    timeoutKind: FallbackTimeoutKind | undefined,
  ): Promise<EntryHealth> {
    try {
      const store = this.storeFor(call);
      if (!countsAsFailure(failure.type, timeoutKind)) {
        if (gate.probe) await this.view.releaseProbe(entry.id, store);
        return gate.health;
      }
      const { health, opened } = await this.view.recordFailure(
        entry.id,
        { type: failure.type, retryAfterMs: failure.retryAfterMs, probe: gate.probe },
        this.settings,
        store,
      );
      if (opened !== undefined) {
        this.options.logger.warn?.(
          `[ai-sdk-fallback] ${entry.id} circuit opened (${opened.reason}, ${failure.type}: ${failure.description}); skipping it until ${new Date(opened.until).toISOString()}`,
        );
        emitEvent(
          'onCircuitOpen',
          this.options.onCircuitOpen,
          {
            ...call.context,
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
      throwIfAborted(call);
      this.unexpected(error);
      return gate.health;
    }
  }

  released(_call: HealthCall, entry: FallbackEntryRef, gate: AdmittedGate): void {
    if (!gate.probe) return;
    // The caller has aborted: the lease is still given back, with a wait of its own.
    this.view.releaseProbe(entry.id, this.store).catch(error => this.unexpected(error));
  }

  admitHedge(call: HealthCall, entry: FallbackEntryRef): AdmittedGate | undefined | Promise<AdmittedGate | undefined> {
    const known = this.view.peek(entry.id);
    if (known === HEALTHY) return ADMITTED;
    const closed = (health: EntryHealth): AdmittedGate | undefined =>
      circuitState(health, Date.now()) === 'closed' ? { admitted: true, probe: false, health } : undefined;
    if (known !== undefined) return closed(known);
    // Unknown here yet: read it, and start no hedge when the read fails.
    return this.view.read(entry.id, this.settings, this.storeFor(call)).then(closed, () => undefined);
  }

  /** The store context of one call: the caller's signal ends any wait on the store. */
  private storeFor(call: HealthCall): StoreContext {
    return call.signal === undefined ? this.store : { ...this.store, signal: call.signal };
  }

  private unexpected(error: unknown): void {
    this.options.logger.warn?.(`[ai-sdk-fallback] circuit breaker error ignored: ${describeError(error)}`);
  }
}

/** Health never fails a call, except to end it with the caller's own reason once they aborted. */
function throwIfAborted(call: HealthCall): void {
  if (call.signal?.aborted) throw call.signal.reason;
}
