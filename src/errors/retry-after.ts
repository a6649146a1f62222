import { APICallError } from '@ai-sdk/provider';
import { asRecord, valueAt } from './error-graph';
import { type ErrorFacts, readErrorFacts } from './facts';
import { PROVIDER_QUIRKS } from './providers';

/** Response headers as the SDK records them, a plain object from a payload, or a fetch `Headers`. */
type HeaderBag = Record<string, unknown> | { get(name: string): string | null };

type HeaderReader = (headers: HeaderBag, now: number) => number | undefined;

// Most precise first: the first header any source carries wins.
const READERS: readonly HeaderReader[] = [
  headers => parseNonNegativeNumber(readHeader(headers, PROVIDER_QUIRKS.retryAfterMsHeader)),
  (headers, now) => parseRetryAfter(readHeader(headers, PROVIDER_QUIRKS.retryAfterHeader), now),
  (headers, now) => parseResetEpoch(readHeader(headers, PROVIDER_QUIRKS.resetEpochHeader), now),
];

/**
 * How long the provider asked us to wait before retrying, in milliseconds,
 * or `undefined` when it did not say.
 *
 * Reads, in order: `retry-after-ms` (milliseconds, sent by OpenAI and
 * Azure); `retry-after` (seconds, or an HTTP date turned into a delay from
 * `now`, never negative); and `x-ratelimit-reset` when it is an absolute
 * epoch (OpenRouter's own 429s carry no Retry-After, only
 * `error.metadata.headers['X-RateLimit-Reset']` in epoch milliseconds).
 * Header names are case-insensitive. The headers are looked for on an
 * `APICallError`'s `responseHeaders`, on a plain error object's `headers` /
 * `responseHeaders`, and in `metadata.headers` of its payloads, which is
 * where OpenRouter puts them, also in stream error parts.
 *
 * Never throws.
 *
 * @param now - the current time in epoch milliseconds, for HTTP-date and epoch values.
 */
export function getRetryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  return retryAfterOf(readErrorFacts(error), now);
}

/** {@link getRetryAfterMs} of facts already read. */
export function retryAfterOf(facts: ErrorFacts, now: number = Date.now()): number | undefined {
  try {
    const sources = headerSources(facts);
    for (const read of READERS) {
      for (const headers of sources) {
        const delay = read(headers, now);
        if (delay !== undefined) return delay;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function headerSources({ error, record, payloads }: ErrorFacts): HeaderBag[] {
  // A plain object is its own first payload, so its `headers` are read below.
  const candidates: unknown[] = [APICallError.isInstance(error) ? error.responseHeaders : record?.responseHeaders];
  for (const payload of payloads) {
    for (const path of PROVIDER_QUIRKS.payloadHeaders) candidates.push(valueAt(payload, path));
  }
  return candidates.filter((candidate): candidate is HeaderBag => asRecord(candidate) !== undefined);
}

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    // Node's IncomingHttpHeaders may repeat a header as an array.
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' || typeof first === 'number') return String(first);
  }
  return undefined;
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const seconds = parseNonNegativeNumber(value);
  if (seconds !== undefined) return seconds * 1000;
  // Only a value with letters can be an HTTP date; Date.parse would read "-5" as a year.
  if (value === undefined || !/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseResetEpoch(value: string | undefined, now: number): number | undefined {
  const epoch = parseNonNegativeNumber(value);
  // Smaller values are relative or in unknown units (seconds? a duration?); guessing would mislead.
  if (epoch === undefined || epoch < 1e9) return undefined;
  const epochMs = epoch >= 1e12 ? epoch : epoch * 1000;
  return Math.max(0, epochMs - now);
}

function parseNonNegativeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
