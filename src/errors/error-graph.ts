import { APICallError } from '@ai-sdk/provider';
import { PROVIDER_QUIRKS } from './providers';

/**
 * An object read off an unknown error; every field is untrusted.
 *
 * @internal
 */
export type UnknownRecord = Record<string, unknown>;

// Error graphs built by user code or proxies can be circular or absurdly deep;
// these bounds keep every walk cheap and finite.
const MAX_CHAIN_LINKS = 16;
const MAX_PAYLOADS = 16;
const MAX_PARSED_BODY_CHARS = 1_000_000;

/** The value as a record when it is a non-null object, else `undefined`. */
export function asRecord(value: unknown): UnknownRecord | undefined {
  return typeof value === 'object' && value !== null ? (value as UnknownRecord) : undefined;
}

/** The value at `path` below `record`, or `undefined`. */
export function valueAt(record: UnknownRecord | undefined, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) value = asRecord(value)?.[key];
  return value;
}

/**
 * The error followed by its causes, outermost first: `cause` links and the
 * members of `AggregateError.errors` (Node's happy-eyeballs connect reports
 * refusals that way). Cycles are cut and the walk is bounded.
 */
export function causeChain(error: unknown): UnknownRecord[] {
  const chain: UnknownRecord[] = [];
  const seen = new Set<UnknownRecord>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < MAX_CHAIN_LINKS) {
    const link = asRecord(queue.shift());
    if (link === undefined || seen.has(link)) continue;
    seen.add(link);
    chain.push(link);
    queue.push(link.cause);
    if (Array.isArray(link.errors)) queue.push(...link.errors);
  }
  return chain;
}

/**
 * The provider's error payloads carried by `error`, outermost first.
 *
 * For an `APICallError` that is its parsed `data`, else its `responseBody`
 * parsed as JSON (only for an error status: the body of a 2xx is a completion,
 * not an error). Any other object is its own payload (stream error parts are
 * plain `{ code, message, type, metadata }` objects). The nested payloads of
 * {@link PROVIDER_QUIRKS} follow.
 */
export function errorPayloads(error: unknown): UnknownRecord[] {
  const payloads: UnknownRecord[] = [];
  const seen = new Set<UnknownRecord>();
  const queue: unknown[] = [APICallError.isInstance(error) ? apiCallErrorBody(error) : error];
  while (queue.length > 0 && payloads.length < MAX_PAYLOADS) {
    const payload = asRecord(queue.shift());
    if (payload === undefined || seen.has(payload)) continue;
    seen.add(payload);
    payloads.push(payload);
    for (const path of PROVIDER_QUIRKS.nestedPayloads) queue.push(valueAt(payload, path));
  }
  return payloads;
}

function apiCallErrorBody(error: APICallError): unknown {
  if (error.data != null) return error.data;
  const status = error.statusCode;
  if (status !== undefined && status < 400) return undefined;
  // Typed as a string, but OpenAI's Responses model puts the parsed object here for a failed response.
  const body: unknown = error.responseBody;
  return typeof body === 'string' ? parseJson(body) : body;
}

function parseJson(text: string): unknown {
  if (text.length > MAX_PARSED_BODY_CHARS) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
