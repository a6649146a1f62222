/** Options of {@link HealthStore.set}. */
export interface HealthStoreSetOptions {
  /** Store only when the key is absent (or expired); `set` then resolves whether it stored. */
  ifAbsent?: boolean;
}

/**
 * Where the circuit breaker keeps what it learns about each entry, so that
 * several `withFallback` instances, or several processes, share one view.
 *
 * Small on purpose: string values that expire on their own, one atomic
 * counter, and a set-if-absent for the half-open probe lease. Every method
 * must be safe under concurrency (two processes calling `increment` at once
 * must both count). The breaker bounds each call with a short timeout and
 * falls back to local memory when the store fails, so an implementation does
 * not need its own timeouts or retries.
 *
 * Use {@link memoryHealthStore} in one process, `redisHealthStore` from
 * `ai-sdk-fallback/redis` across processes.
 */
export interface HealthStore {
  /** The values of `keys`, in order, `undefined` where absent or expired. One round trip. */
  get(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Stores `value` for `ttlMs` milliseconds. Resolves `true` when it stored (always, without `ifAbsent`). */
  set(key: string, value: string, ttlMs: number, options?: HealthStoreSetOptions): Promise<boolean>;
  /** Atomically adds 1 to the count at `key` (0 when absent), makes it expire in `ttlMs`, resolves the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Removes `keys`; absent keys are fine. */
  delete(keys: readonly string[]): Promise<void>;
  /**
   * How long a process may reuse what it read, in milliseconds: the delay
   * before it sees another process's change. A store shared across
   * processes should keep it small (`redisHealthStore`: 1000). Default 1000.
   */
  readonly cacheMs?: number;
}
