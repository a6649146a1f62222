import type { BreakerSettings } from './breaker';
import type { HealthStore } from './health-store';

/** The breaker's settings with every default applied (see the chain's `DEFAULTS`). */
export interface ResolvedCircuitBreaker extends BreakerSettings {
  store: HealthStore;
  storeTimeoutMs: number;
}
