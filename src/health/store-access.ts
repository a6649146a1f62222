import type { FallbackLogger } from '../types';
import type { HealthStore, HealthStoreSetOptions } from './health-store';

/** Who is asking: where to warn, and how long a store operation may take. */
export interface StoreContext {
  logger: FallbackLogger;
  timeoutMs: number;
  /** The caller's signal: a wait on the store ends when it aborts. */
  signal?: AbortSignal;
}

/** A {@link HealthStore} as the breaker uses it: every operation knows its caller's context. */
export interface StoreAccess {
  get(keys: readonly string[], context: StoreContext): Promise<(string | undefined)[]>;
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

/** Direct access to a store that cannot fail: the in-memory one. */
export function directAccess(store: HealthStore): StoreAccess {
  return {
    get: keys => store.get(keys),
    set: (key, value, ttlMs, options) => store.set(key, value, ttlMs, options),
    increment: (key, ttlMs) => store.increment(key, ttlMs),
    delete: keys => store.delete(keys),
  };
}
