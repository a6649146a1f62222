import type { FallbackCircuitBreaker } from '../types';
import type { BreakerSettings } from './breaker';
import type { HealthStore } from './health-store';
import { memoryHealthStore } from './memory-health-store';

/** The breaker's settings with every default applied. */
export interface ResolvedCircuitBreaker extends BreakerSettings {
  store: HealthStore;
  storeTimeoutMs: number;
}

/**
 * Why each default is what it is (see also the README's "Health" section):
 * - `failureThreshold: 3` is one fully failed call with the default
 *   `maxRetriesPerModel: 2`, or three calls in a row each failing once; a
 *   single blip never opens it.
 * - `cooldownMs: 30_000`: providers' short outages and rate-limit windows are
 *   mostly tens of seconds; during an outage the primary then costs one
 *   failed call per 30 s instead of one per request.
 * - `maxCooldownMs: 300_000`: the longest a Retry-After keeps a circuit open.
 *   Failed probes back off to at most 4 × `cooldownMs` (2 min here, and never
 *   above this), so a long outage is probed every 2 min and the primary is
 *   back at most 2 min after it recovers.
 * - `storeTimeoutMs: 100`: a healthy Redis answers in about a millisecond; a
 *   store slower than this is treated as down rather than slowing calls.
 */
export const CIRCUIT_BREAKER_DEFAULTS = {
  failureThreshold: 3,
  cooldownMs: 30_000,
  maxCooldownMs: 300_000,
  storeTimeoutMs: 100,
} as const;

/** Applies the defaults; `false` turns the breaker off. A new memory store per chain unless one is passed. */
export function resolveCircuitBreaker(
  config: FallbackCircuitBreaker | false | undefined,
): ResolvedCircuitBreaker | false {
  if (config === false) return false;
  const cooldownMs = config?.cooldownMs ?? CIRCUIT_BREAKER_DEFAULTS.cooldownMs;
  return {
    failureThreshold: config?.failureThreshold ?? CIRCUIT_BREAKER_DEFAULTS.failureThreshold,
    cooldownMs,
    maxCooldownMs: config?.maxCooldownMs ?? Math.max(cooldownMs, CIRCUIT_BREAKER_DEFAULTS.maxCooldownMs),
    store: config?.store ?? memoryHealthStore(),
    storeTimeoutMs: config?.storeTimeoutMs ?? CIRCUIT_BREAKER_DEFAULTS.storeTimeoutMs,
  };
}
