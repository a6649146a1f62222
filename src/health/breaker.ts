import type { FallbackTimeoutKind } from '../errors/fallback-timeout-error';
import type { FallbackCircuitReason } from '../types';
import { type FallbackErrorType, REQUEST_ERROR_TYPES } from '../types/error-type';

/** Why a circuit opened. */
export type CircuitReason = FallbackCircuitReason;

type ClassifiedType = Exclude<FallbackErrorType, 'all'>;

/** An open (or half-open) circuit, as stored. */
export interface CircuitRecord {
  /** Epoch ms when the cooldown ends and the entry turns half-open. */
  until: number;
  /** The cooldown that was applied; a failed probe doubles it (up to 4× the base cooldown). */
  cooldownMs: number;
  reason: CircuitReason;
  /** The type of the failure that opened it: a skip moves on as that failure would have. */
  type: ClassifiedType;
}

/** What is known about one entry. */
export interface EntryHealth {
  circuit: CircuitRecord | undefined;
  /** Consecutive counted failures. */
  failures: number;
}

/** The breaker's settings, defaults applied. */
export interface BreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

/** Closed: call it. Open: skip it. Half-open: one call may probe it, the others skip it. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export const HEALTHY: EntryHealth = Object.freeze({ circuit: undefined, failures: 0 });

/** The state of an entry's circuit at `now`. */
export function circuitState(health: EntryHealth, now: number): CircuitState {
  if (health.circuit === undefined) return 'closed';
  return now < health.circuit.until ? 'open' : 'half-open';
}

/**
 * Whether a failure says something about the provider. Failures about the
 * request (`bad-request`, `content-filter`, `context-length`) do not: another
 * request would succeed. Neither does the call's own total budget running
 * out, which measures the whole chain, not this model.
 */
export function countsAsFailure(type: ClassifiedType, timeoutKind?: FallbackTimeoutKind): boolean {
  // Nor does an answer that is not the JSON asked for: the provider answered; the answer was wrong.
  if (timeoutKind === 'total' || type === 'invalid-output') return false;
  return !REQUEST_ERROR_TYPES.includes(type);
}

/** A counted failure, as {@link circuitAfterFailure} sees it. */
export interface FailureInput {
  /** The circuit before this failure, if one was open or half-open. */
  circuit: CircuitRecord | undefined;
  /** Consecutive failures including this one. */
  failures: number;
  type: ClassifiedType;
  /** The provider's Retry-After, if it sent one. */
  retryAfterMs: number | undefined;
  /** True when this attempt was the half-open probe. */
  probe: boolean;
  now: number;
}

/**
 * The circuit after a counted failure, or `undefined` when it stays closed.
 *
 * - A Retry-After opens it for that long, capped at `maxCooldownMs`, whatever
 *   the count: the provider said when to come back.
 * - A failed probe reopens it for twice the last cooldown (at least
 *   `cooldownMs`, at most 4 × `cooldownMs` and `maxCooldownMs`).
 * - Otherwise it opens when the count reaches `failureThreshold`, for
 *   `cooldownMs` (or, when it was already open, for the cooldown it had).
 *
 * An open circuit is never shortened: when the new cooldown would end
 * sooner, the circuit it had is returned unchanged (the same object).
 */
export function circuitAfterFailure(input: FailureInput, settings: BreakerSettings): CircuitRecord | undefined {
  const { circuit, now } = input;
  const retryAfter =
    input.retryAfterMs !== undefined && input.retryAfterMs > 0
      ? Math.min(input.retryAfterMs, settings.maxCooldownMs)
      : undefined;
  let cooldownMs: number;
  let reason: CircuitReason;
  if (retryAfter !== undefined) {
    cooldownMs = retryAfter;
    reason = 'retry-after';
  } else if (input.probe) {
    cooldownMs = doubledCooldown(circuit?.cooldownMs, settings);
    reason = 'probe-failed';
  } else if (input.failures >= settings.failureThreshold) {
    cooldownMs = circuit?.cooldownMs ?? settings.cooldownMs;
    reason = 'failures';
  } else {
    return undefined;
  }
  const until = now + cooldownMs;
  if (circuit !== undefined && circuit.until >= until) return circuit;
  return { until, cooldownMs, reason, type: input.type };
}

/**
 * How far failed probes back off, in base cooldowns: a primary that recovers
 * serves again within this many `cooldownMs` of recovering, however long the
 * outage lasted (unbounded doubling would leave it idle for ever longer).
 */
export const PROBE_BACKOFF_LIMIT = 4;

/**
 * The cooldown after a failed probe: twice the last one, at least
 * `cooldownMs`, at most {@link PROBE_BACKOFF_LIMIT} × `cooldownMs` and never
 * above `maxCooldownMs`.
 */
export function doubledCooldown(lastMs: number | undefined, settings: BreakerSettings): number {
  const doubled = Math.min((lastMs ?? settings.cooldownMs) * 2, PROBE_BACKOFF_LIMIT * settings.cooldownMs);
  return Math.min(settings.maxCooldownMs, Math.max(settings.cooldownMs, doubled));
}

/**
 * How long the half-open probe holds its lease: one cooldown. If the probe's
 * caller dies without answering, another call may probe after that.
 */
export function probeLeaseMs(circuit: CircuitRecord, settings: BreakerSettings): number {
  return Math.max(circuit.cooldownMs, settings.cooldownMs);
}

/**
 * How long the store keeps a circuit, from `now`: its cooldown, then
 * `maxCooldownMs` of half-open, so a failed probe can still double it. A
 * circuit nobody probes for that long is forgotten (closed). The same from
 * any `now`, so a copy read later expires with the stored one.
 */
export function circuitTtlMs(circuit: CircuitRecord, now: number, settings: BreakerSettings): number {
  return Math.max(1, circuit.until + settings.maxCooldownMs - now);
}

/** How long a failure count survives without a new failure: failures further apart do not add up. */
export function failuresTtlMs(settings: BreakerSettings): number {
  return settings.maxCooldownMs;
}
