import { asRecord, causeChain, errorPayloads, type UnknownRecord } from './error-graph';
import { PROVIDER_QUIRKS } from './providers';

/**
 * An error read once: its record, its cause chain, its provider payloads and
 * the HTTP status they stand for. Classification, Retry-After and the
 * description all read these, so a failure's error graph is walked once.
 */
export interface ErrorFacts {
  readonly error: unknown;
  readonly record: UnknownRecord | undefined;
  readonly chain: readonly UnknownRecord[];
  readonly payloads: readonly UnknownRecord[];
  /** See {@link getStatusCode}. */
  readonly status: number | undefined;
}

/** Reads `error` once. Never throws: a hostile object (a throwing getter, a revoked proxy) reads as having no facts. */
export function readErrorFacts(error: unknown): ErrorFacts {
  try {
    const record = asRecord(error);
    const payloads = errorPayloads(error);
    const own = ownStatus(record);
    const status = own !== undefined && own >= 400 ? own : (embeddedStatus(payloads) ?? own);
    return { error, record, chain: causeChain(error), payloads, status };
  } catch {
    return { error, record: undefined, chain: [], payloads: [], status: undefined };
  }
}

/**
 * The HTTP status a failure stands for, or `undefined` when none is known.
 *
 * The error's own status (`APICallError.statusCode`, or `statusCode` /
 * `status` of a plain object) wins when it is an error status. Otherwise an
 * error status embedded in the payload counts: a numeric (or three-digit
 * string) `code`, `status` or `statusCode`, also under a nested `error`.
 * OpenRouter answers some failures with HTTP 200 and the real status in the
 * body (`{ error: { code: 502 } }`), and its stream error parts carry only
 * that `code`. A non-error own status (200 for a body cut mid-way) is
 * returned when nothing better is found.
 *
 * Never throws.
 */
export function getStatusCode(error: unknown): number | undefined {
  return readErrorFacts(error).status;
}

function ownStatus(record: UnknownRecord | undefined): number | undefined {
  if (record === undefined) return undefined;
  return (
    toHttpStatus(record.statusCode, 100) ?? toHttpStatus(record.status, 100) ?? toHttpStatus(record.status_code, 100)
  );
}

function embeddedStatus(payloads: readonly UnknownRecord[]): number | undefined {
  for (const payload of payloads) {
    // Only error statuses count here: `code` also carries things like
    // DOMException's 20 or Google's small gRPC codes.
    for (const field of PROVIDER_QUIRKS.statusFields) {
      const status = toHttpStatus(payload[field], 400);
      if (status !== undefined) return status;
    }
  }
  return undefined;
}

function toHttpStatus(value: unknown, min: number): number | undefined {
  const number = typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= 599 ? number : undefined;
}
