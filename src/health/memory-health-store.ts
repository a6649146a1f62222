import type { HealthStore } from './health-store';

/** Marks stores whose operations never leave the process: the breaker reads them directly, uncached and unguarded. */
export const LOCAL_STORE: unique symbol = Symbol.for('ai-sdk-fallback.local-health-store');

interface Slot {
  value: string;
  expiresAt: number;
}

// Expired keys are dropped when read; a sweep every so many writes bounds memory without a timer to leak.
const SWEEP_EVERY = 256;

/**
 * A {@link HealthStore} in this process's memory: the default. Create one at
 * module level and pass it to every `withFallback` of the app so all routes
 * share what they learn. Expiry is lazy (no timers), so it never keeps a
 * process alive; it follows `Date.now()`, so fake timers move it too.
 */
export function memoryHealthStore(): HealthStore {
  const slots = new Map<string, Slot>();
  let writes = 0;

  const live = (key: string, now: number): Slot | undefined => {
    const slot = slots.get(key);
    if (slot === undefined) return undefined;
    if (slot.expiresAt > now) return slot;
    slots.delete(key);
    return undefined;
  };
  const write = (key: string, value: string, ttlMs: number, now: number) => {
    slots.set(key, { value, expiresAt: now + Math.max(1, ttlMs) });
    if (++writes % SWEEP_EVERY === 0) {
      for (const [k, slot] of slots) if (slot.expiresAt <= now) slots.delete(k);
    }
  };

  // Each method does its work synchronously before resolving, which is what makes it atomic in one process.
  const store: HealthStore & { [LOCAL_STORE]: true } = {
    [LOCAL_STORE]: true,
    get(keys) {
      const now = Date.now();
      return Promise.resolve(keys.map(key => live(key, now)?.value));
    },
    set(key, value, ttlMs, options) {
      const now = Date.now();
      if (options?.ifAbsent && live(key, now) !== undefined) return Promise.resolve(false);
      write(key, value, ttlMs, now);
      return Promise.resolve(true);
    },
    increment(key, ttlMs) {
      const now = Date.now();
      const count = (Number(live(key, now)?.value) || 0) + 1;
      write(key, String(count), ttlMs, now);
      return Promise.resolve(count);
    },
    delete(keys) {
      for (const key of keys) slots.delete(key);
      return Promise.resolve();
    },
  };
  return store;
}

/** True for stores whose operations are local and cannot fail or stall. */
export function isLocalStore(store: HealthStore): boolean {
  return (store as Partial<Record<typeof LOCAL_STORE, boolean>>)[LOCAL_STORE] === true;
}
