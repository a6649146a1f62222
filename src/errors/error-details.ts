import { APICallError } from '@ai-sdk/provider';

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
const MAX_DESCRIPTION_CHARS = 300;

/**
 * The value as a record when it is a non-null object, else `undefined`.
 *
 * @internal
 */
export function asRecord(value: unknown): UnknownRecord | undefined {
  return typeof value === 'object' && value !== null ? (value as UnknownRecord) : undefined;
}

/**
 * The error followed by its causes, outermost first: `cause` links and the
 * members of `AggregateError.errors` (Node's happy-eyeballs connect reports
 * refusals that way). Cycles are cut and the walk is bounded.
 *
 * @internal
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
 * plain `{ code, message, type, metadata }` objects). Nested `error`, `data`,
 * `response.error` and `innererror` objects follow, because OpenAI nests the
 * detail under `error`, the Responses API under `response.error`, the SDK's
 * stream errors under `data`, and Azure under `innererror`.
 *
 * @internal
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
    queue.push(payload.error, payload.data, asRecord(payload.response)?.error, payload.innererror);
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

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length > MAX_PARSED_BODY_CHARS) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
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
  try {
    const own = ownStatus(error);
    if (own !== undefined && own >= 400) return own;
    return embeddedStatus(error) ?? own;
  } catch {
    return undefined;
  }
}

function ownStatus(error: unknown): number | undefined {
  const record = asRecord(error);
  if (record === undefined) return undefined;
  return (
    toHttpStatus(record.statusCode, 100) ?? toHttpStatus(record.status, 100) ?? toHttpStatus(record.status_code, 100)
  );
}

function embeddedStatus(error: unknown): number | undefined {
  for (const payload of errorPayloads(error)) {
    // Only error statuses count here: `code` also carries things like
    // DOMException's 20 or Google's small gRPC codes.
    const status =
      toHttpStatus(payload.statusCode, 400) ??
      toHttpStatus(payload.status, 400) ??
      toHttpStatus(payload.status_code, 400) ??
      toHttpStatus(payload.code, 400);
    if (status !== undefined) return status;
  }
  return undefined;
}

function toHttpStatus(value: unknown, min: number): number | undefined {
  const number = typeof value === 'string' && /^\s*\d{3}\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= 599 ? number : undefined;
}

/**
 * A one-line, human-readable account of a failure for logs and the
 * exhaustion error's message, e.g. `APICallError 429: Rate limit reached`.
 *
 * Adds the innermost cause (`(cause: other side closed [UND_ERR_SOCKET])`)
 * and OpenRouter's upstream detail when the message alone would hide them.
 * Secrets are redacted (see {@link redactSecrets}) and the line is cut to
 * about 300 characters. Never throws.
 */
export function describeError(error: unknown): string {
  try {
    return finishLine(rawDescription(error));
  } catch {
    return 'Unknown error';
  }
}

function rawDescription(error: unknown): string {
  if (typeof error === 'string') return error;
  const record = asRecord(error);
  if (record === undefined) return String(error);
  const label = [errorName(record), getStatusCode(error)].filter(part => part !== undefined).join(' ');
  const message = errorMessage(error, record);
  const extra = [upstreamDetail(error, message), causeDetail(error, message)].filter(Boolean).join('; ');
  return `${label === '' ? '' : `${label}: `}${message}${extra === '' ? '' : ` (${extra})`}`;
}

function errorName(record: UnknownRecord): string | undefined {
  const name = nonEmptyString(record.name);
  // The SDK prefixes every class name with `AI_`; it adds nothing in a log line.
  if (name !== undefined) return name.replace(/^AI_/, '');
  // Stream error parts are nameless objects; their string code (`server_error`) names them instead.
  return nonEmptyString(record.code);
}

function errorMessage(error: unknown, record: UnknownRecord): string {
  const own = nonEmptyString(record.message);
  if (own !== undefined) return own;
  for (const payload of errorPayloads(error)) {
    const message = nonEmptyString(payload.message);
    if (message !== undefined) return message;
  }
  // A gateway's HTML error page arrives with an empty message; its text still says something.
  const body = nonEmptyString(record.responseBody);
  if (body !== undefined) return body;
  // Never dump an Error: an APICallError carries the request body, i.e. the user's prompt.
  return (isErrorLike(record) ? undefined : safeJson(record)) ?? '(no message)';
}

function isErrorLike(record: UnknownRecord): boolean {
  return record instanceof Error || typeof record.name === 'string' || 'requestBodyValues' in record;
}

function upstreamDetail(error: unknown, message: string): string | undefined {
  for (const payload of errorPayloads(error)) {
    const metadata = asRecord(payload.metadata);
    const raw = metadata === undefined ? undefined : (nonEmptyString(metadata.raw) ?? safeJson(metadata.raw));
    const provider = nonEmptyString(metadata?.provider_name);
    // OpenRouter's HTTP errors already read "[provider] upstream message"; only its 200 and stream errors hide the detail.
    if (raw === undefined || message.includes(raw) || (provider !== undefined && message.includes(`[${provider}]`)))
      continue;
    return provider === undefined ? raw : `${provider}: ${raw}`;
  }
  return undefined;
}

function causeDetail(error: unknown, message: string): string | undefined {
  const chain = causeChain(error);
  const innermost = chain.length > 1 ? chain[chain.length - 1] : undefined;
  if (innermost === undefined) return undefined;
  const causeMessage = nonEmptyString(innermost.message);
  if (causeMessage === undefined || message.includes(causeMessage)) return undefined;
  const code = nonEmptyString(innermost.code);
  return `cause: ${causeMessage}${code === undefined ? '' : ` [${code}]`}`;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function safeJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    const json = JSON.stringify(value);
    return json === '{}' ? undefined : json;
  } catch {
    return undefined;
  }
}

function finishLine(text: string): string {
  const line = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return line.length <= MAX_DESCRIPTION_CHARS ? line : `${line.slice(0, MAX_DESCRIPTION_CHARS - 1)}…`;
}

// Header-style secrets keep their name so a log still says what was hidden.
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;}]+/gi, '$1$2[redacted]'],
  [/\b((?:x-)?(?:goog-)?api[-_]?key|access[-_]?token)(["']?\s*[:=]\s*["']?)[^\s"',;}&]+/gi, '$1$2[redacted]'],
  [/\bbearer\s+[^\s"',;}]+/gi, 'Bearer [redacted]'],
  // OpenAI `sk-` / `sk-proj-`, OpenRouter `sk-or-v1-`, Anthropic `sk-ant-`; also OpenAI's masked `sk-proj-****abcd`.
  [/\bsk-[a-z0-9][\w*.-]{7,}/gi, '[redacted]'],
  // Google API keys, which travel in the query string.
  [/\bAIza[\w-]{30,}/g, '[redacted]'],
];

/**
 * `text` with API keys and credentials replaced by `[redacted]`: `sk-…`
 * keys (OpenAI, OpenRouter, Anthropic), Google `AIza…` keys, `Bearer …`
 * tokens, and the values of `Authorization`, `api-key`, `x-api-key` and
 * `access_token` fields, in header, query or JSON form.
 */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}
