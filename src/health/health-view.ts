import {
  type BreakerSettings,
  type CircuitRecord,
  circuitAfterFailure,
  circuitState,
  circuitTtlMs,
  type EntryHealth,
  failuresTtlMs,
  HEALTHY,
  probeLeaseMs,
} from './breaker';
import { GuardedStore } from './guarded-store';
import { decodeCircuit, decodeCount, encodeCircuit, healthKeys } from './health-keys';
import type { HealthStore } from './health-store';
import { isLocalStore } from './memory-health-store';
import { directAccess, type MirrorTtl, type StoreAccess, type StoreContext } from './store-access';
import { untilAborted } from './with-timeout';

const DEFAULT_CACHE_MS = 1_000;

/** A counted failure as the view records it. */
export interface RecordedFailure {
  type: CircuitRecord['type'];
  retryAfterMs: number | undefined;
  probe: boolean;
}

/** What recording a failure did. */
export interface FailureOutcome {
  health: EntryHealth;
  /** Set when this failure opened the circuit (it was closed or half-open before). */
  opened: CircuitRecord | undefined;
}

interface Cached {
  health: EntryHealth;
  fetchedAt: number;
}

/**
 * One process's view of a store, shared by every chain that uses the store.
 *
 * Reads are served from a local copy for `store.cacheMs` (1 s for shared
 * stores, 0 for memory), so a call on a healthy chain costs at most one store
 * round trip per entry per second, and usually none; this process's own
 * writes update the copy at once. Concurrent reads of one entry share one
 * round trip, and a read never overwrites a newer local write.
 */
export class HealthView {
  private readonly access: StoreAccess;
  private readonly local: boolean;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, Cached>();
  private readonly reads = new Map<string, Promise<EntryHealth>>();
  private readonly versions = new Map<string, number>();

  constructor(store: HealthStore) {
    this.local = isLocalStore(store);
    this.access = this.local ? directAccess(store) : new GuardedStore(store);
    this.cacheMs = this.local ? 0 : Math.max(0, store.cacheMs ?? DEFAULT_CACHE_MS);
  }

  /** What is known about `entryId`, from the local copy when it is fresh enough. */
  read(entryId: string, settings: BreakerSettings, context: StoreContext): Promise<EntryHealth> {
    const cached = this.cache.get(entryId);
    if (cached !== undefined) {
      // A local store changes only through this view, except by expiry, and healthy never expires into anything else.
      if (this.local ? isHealthy(cached.health) : Date.now() - cached.fetchedAt < this.cacheMs) {
        return Promise.resolve(cached.health);
      }
    }
    let pending = this.reads.get(entryId);
    if (pending === undefined) {
      // Shared by concurrent calls, so no one caller's abort ends it: each caller stops waiting on its own abort.
      const { signal: _, ...shared } = context;
      pending = this.fetch(entryId, settings, shared).finally(() => this.reads.delete(entryId));
      this.reads.set(entryId, pending);
    }
    return untilAborted(pending, context.signal);
  }

  /** What is known about `entryId` without waiting: the fresh local copy, else `undefined`. */
  peek(entryId: string): EntryHealth | undefined {
    const cached = this.cache.get(entryId);
    if (cached === undefined) return undefined;
    const healthy = isHealthy(cached.health);
    if (this.local ? !healthy : Date.now() - cached.fetchedAt >= this.cacheMs) return undefined;
    return healthy ? HEALTHY : cached.health;
  }

  /** Takes the half-open probe lease; false when another call (in any process) holds it. */
  async acquireProbe(
    entryId: string,
    circuit: CircuitRecord,
    settings: BreakerSettings,
    context: StoreContext,
  ): Promise<boolean> {
    return this.access.set(
      healthKeys(entryId).probe,
      String(Date.now()),
      probeLeaseMs(circuit, settings),
      { ifAbsent: true },
      context,
    );
  }

  /** Gives the probe lease back without a verdict (the caller aborted, or the failure was about the request). */
  async releaseProbe(entryId: string, context: StoreContext): Promise<void> {
    await this.access.delete([healthKeys(entryId).probe], context);
  }

  /**
   * Counts a failure (atomically, in the store) and opens the circuit when
   * the breaker says so. Opening uses set-if-absent, so when two processes
   * open it at once neither overwrites the other blindly: the loser re-reads
   * and keeps whichever circuit lasts longer.
   */
  async recordFailure(
    entryId: string,
    failure: RecordedFailure,
    settings: BreakerSettings,
    context: StoreContext,
  ): Promise<FailureOutcome> {
    const keys = healthKeys(entryId);
    const before = await this.read(entryId, settings, context);
    const failures = await this.access.increment(keys.failures, failuresTtlMs(settings), context);
    const now = Date.now();
    const wasOpen = circuitState(before, now) === 'open';
    let circuit = circuitAfterFailure({ circuit: before.circuit, failures, now, ...failure }, settings);
    let ours = circuit !== undefined;
    if (circuit !== undefined && circuit !== before.circuit) {
      const ttl = circuitTtlMs(circuit, now, settings);
      const fresh = before.circuit === undefined;
      const stored = await this.access.set(keys.circuit, encodeCircuit(circuit), ttl, { ifAbsent: fresh }, context);
      if (!stored) {
        const [current] = await this.access.get([keys.circuit], context, [mirroredCircuit(settings)]);
        const theirs = decodeCircuit(current);
        if (theirs !== undefined && theirs.until >= circuit.until) {
          circuit = theirs;
          ours = false;
        } else {
          await this.access.set(keys.circuit, encodeCircuit(circuit), ttl, {}, context);
        }
      }
    }
    if (failure.probe) await this.access.delete([keys.probe], context);
    const health = { circuit: circuit ?? before.circuit, failures };
    this.remember(entryId, health);
    // Reported once, by whoever opened it: not when another process just did.
    const opened = ours && !wasOpen && circuit !== undefined && circuit.until > now ? circuit : undefined;
    return { health, opened };
  }

  /**
   * Forgets failures after a success. Writes only when `known` (what the
   * attempt was admitted on) has something to forget, so the healthy path
   * costs no store write. Resolves the circuit it closed, if it was still there.
   */
  async recordSuccess(
    entryId: string,
    probe: boolean,
    known: EntryHealth,
    settings: BreakerSettings,
    context: StoreContext,
  ): Promise<CircuitRecord | undefined> {
    if (!probe && known.circuit === undefined && known.failures === 0) return undefined;
    // Another call may have closed it meanwhile (a probe answering next to a retry): close it once.
    const closing = probe ? known.circuit : (await this.read(entryId, settings, context)).circuit;
    const keys = healthKeys(entryId);
    await this.access.delete([keys.circuit, keys.failures, keys.probe], context);
    this.remember(entryId, HEALTHY);
    return closing;
  }

  private async fetch(entryId: string, settings: BreakerSettings, context: StoreContext): Promise<EntryHealth> {
    const version = this.versions.get(entryId) ?? 0;
    const keys = healthKeys(entryId);
    // Mirrored with the store's own expiry: should the store fail, what it said stays in force until then.
    const [circuit, failures] = await this.access.get([keys.circuit, keys.failures], context, [
      mirroredCircuit(settings),
      () => failuresTtlMs(settings),
    ]);
    const health: EntryHealth = { circuit: decodeCircuit(circuit), failures: decodeCount(failures) };
    // A local write that landed while this read was on the wire is newer: keep it.
    if ((this.versions.get(entryId) ?? 0) !== version) return this.cache.get(entryId)?.health ?? health;
    if (this.cacheMs > 0 || (this.local && isHealthy(health)))
      this.cache.set(entryId, { health, fetchedAt: Date.now() });
    return health;
  }

  private remember(entryId: string, health: EntryHealth): void {
    this.versions.set(entryId, (this.versions.get(entryId) ?? 0) + 1);
    this.cache.set(entryId, { health, fetchedAt: this.cacheMs > 0 ? Date.now() : -Infinity });
  }
}

/** A circuit read from the store is kept locally as long as the store keeps it; anything else is forgotten. */
function mirroredCircuit(settings: BreakerSettings): MirrorTtl {
  return text => {
    const circuit = decodeCircuit(text);
    return circuit === undefined ? 0 : circuitTtlMs(circuit, Date.now(), settings);
  };
}

function isHealthy(health: EntryHealth): boolean {
  return health.circuit === undefined && health.failures === 0;
}

const views = new WeakMap<HealthStore, HealthView>();

/** The view of `store` in this process: chains sharing a store share its cache and its guard. */
export function healthViewFor(store: HealthStore): HealthView {
  let view = views.get(store);
  if (view === undefined) {
    view = new HealthView(store);
    views.set(store, view);
  }
  return view;
}
