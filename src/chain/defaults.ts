import { CLASSIFIED_ERROR_TYPES, type FallbackErrorType, REQUEST_ERROR_TYPES } from '../types/error-type';

/**
 * Every default of `withFallback`, `fallbackMiddleware` and the config
 * loader, in one object; the docs' defaults tables are checked against it.
 *
 * Why each is what it is:
 * - `maxRetriesPerModel: 2`: a blip (one 429 or 503) is absorbed on the
 *   model the app asked for; a third failure in a row means move on.
 * - `retryOn`: only failures a second try can cure. Timeouts are not
 *   retried (another model answers sooner than the same slow one).
 * - `catchErrors`: every type but the request's own faults
 *   (`context-length`, `content-filter`, `bad-request`), which another model
 *   would refuse the same way.
 * - `maxRetryAfterMs: 10_000`: waiting longer for one model than asking the
 *   next is rarely worth it.
 * - `timeouts`: safety nets sized for reasoning models that think for
 *   minutes without sending anything (tighten them per entry for chat).
 * - `circuitBreaker.failureThreshold: 3` is one fully failed call with the
 *   default retries, or three calls in a row each failing once; a single
 *   blip never opens it. `cooldownMs: 30_000`: providers' short outages and
 *   rate-limit windows are mostly tens of seconds. `maxCooldownMs: 300_000`:
 *   the longest a Retry-After keeps a circuit open; failed probes back off to
 *   at most 4 × `cooldownMs` (2 min here), so a recovered primary serves
 *   again within 4 base cooldowns. `storeTimeoutMs: 100`: a
 *   healthy Redis answers in about a millisecond; a store slower than this
 *   is treated as down rather than slowing calls.
 * - `allowMixedDimensions: false`: embedding vectors of two sizes cannot
 *   share an index, so a fallback that changes the size is refused.
 * - `commit: 'first-output'`: holding a whole answer back costs its time to
 *   first token; only a call that needs the whole answer judged asks for it.
 * - `preparePrompt: true` (an entry's field): references another entry issued
 *   are refused by every provider, so nothing is lost by removing them.
 * - `telemetry`: on wherever the application registered an OpenTelemetry
 *   provider (that registration is the opt-in); error descriptions are
 *   redacted, so recording them is safe by default.
 * - `hedge` (off unless given): `percentile: 95` hedges the slowest 5 %
 *   ("The Tail at Scale"); `maxRatio: 0.05` keeps the extra load at that
 *   share; `minSamples: 20` before a percentile means anything, and
 *   `initialMs: 1000` until then: later than most chat models' first token.
 */
export const DEFAULTS = {
  enabled: true,
  maxRetriesPerModel: 2,
  retryOn: ['rate-limit', 'provider-unavailable', 'network'] as readonly FallbackErrorType[],
  catchErrors: CLASSIFIED_ERROR_TYPES.filter(
    type => !REQUEST_ERROR_TYPES.includes(type),
  ) as readonly FallbackErrorType[],
  backoff: { initialDelayMs: 500, maxDelayMs: 8_000, multiplier: 2, jitter: true },
  maxRetryAfterMs: 10_000,
  timeouts: { requestMs: 600_000, firstChunkMs: 300_000, chunkIdleMs: 300_000, totalMs: 1_200_000 },
  midStream: 'error',
  allowMixedDimensions: false,
  commit: 'first-output',
  preparePrompt: true,
  circuitBreaker: { failureThreshold: 3, cooldownMs: 30_000, maxCooldownMs: 300_000, storeTimeoutMs: 100 },
  telemetry: { enabled: true, recordErrors: true },
  hedge: { percentile: 95, minSamples: 20, initialMs: 1_000, maxRatio: 0.05 },
} as const;
