import type { FallbackLogger } from '../types';
import type { HealthStore, HealthStoreSetOptions } from './health-store';

/** Who is asking: where to warn, how long a store operation may take, and when the caller gave up. */
export interface StoreContext {
  logger: FallbackLogger;
  timeoutMs: number;
  /** The caller's signal: its abort ends every wait on the store at once, with its reason. */
  signal?: AbortSignal;
}

/**
 * How long a value read from a shared store stays in this process's memory,
 * in case the store then fails: the store's own expiry, which a read cannot
 * ask for, recomputed from the value. 0 or less: do not keep it.
 */
export type MirrorTtl = (value: string) => number;

/** A {@link HealthStore} as the breaker uses it: every operation knows its caller's context. */
export interface StoreAccess {
  /**
   * The values of `keys`. `mirror[i]`, when given, says how long what the
   * store answered for `keys[i]` (present or absent) is kept locally.
   */
  get(
    keys: readonly string[],
    context: StoreContext,
    mirror?: readonly (MirrorTtl | undefined)[],
  ): Promise<(string | undefined)[]>;
  set(
    key: string,
    value: string,
    ttlMs: number,
    options: HealthStoreSetOptions,
    context: StoreContext,
  ): Promise<boolean>;
  increment(key: string, ttlMs: number, context: StoreContext): Promise<number>;
  delete(keys: readonly string[], context: StoreContext): Promise<void>;
}

/** Direct access to a store that cannot fail: the in-memory one (nothing to mirror, it is local). */
export function directAccess(store: HealthStore): StoreAccess {
  return {
    get: keys => store.get(keys),
    set: (key, value, ttlMs, options) => store.set(key, value, ttlMs, options),
    increment: (key, ttlMs) => store.increment(key, ttlMs),
    delete: keys => store.delete(keys),
  };
}
