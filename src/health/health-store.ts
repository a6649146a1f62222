import type { HealthStore } from '../types/health-store';

export type { HealthStore, HealthStoreSetOptions } from '../types/health-store';

/** True when `value` has the four methods of a {@link HealthStore}. */
export function isHealthStore(value: unknown): value is HealthStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return ['get', 'set', 'increment', 'delete'].every(method => typeof store[method] === 'function');
}
