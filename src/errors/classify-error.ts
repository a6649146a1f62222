import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  TypeValidationError,
} from '@ai-sdk/provider';
import { asRecord, causeChain, errorPayloads, getStatusCode, type UnknownRecord } from './error-details';
import type { FallbackErrorType } from './fallback-error-type';
import { FallbackTimeoutError } from './fallback-timeout-error';

/** What {@link classifyError} can answer: every type but the `'all'` wildcard. */
type ClassifiedErrorType = Exclude<FallbackErrorType, 'all'>;

/** What the rules look at, read once from the error. */
interface ErrorFacts {
  readonly status: number | undefined;
  /** Lowercased codes, types and messages of the error and its payloads (and the body of an HTTP error). */
  readonly signals: string;
  readonly chain: readonly UnknownRecord[];
}

type Rule = readonly [ClassifiedErrorType, (facts: ErrorFacts) => boolean];

// Error bodies can be large (OpenRouter relays the upstream body); the wording sits near the top.
const MAX_BODY_SIGNAL_CHARS = 10_000;

const QUOTA_WORDING =
  /insufficient[_ ]quota|exceeded your current quota|quota exceeded|billing|insufficient (?:credits|balance|funds)|credit balance|out of credits|free-models-per-day|\bper[- ]day\b|daily limit/;
const RATE_LIMIT_WORDING = /rate[_ ]limit|too[_ ]many[_ ]requests/;
const AUTH_WORDING =
  /invalid_api_key|incorrect api key|authentication_error|permission_error|permission_denied|unauthorized/;
const UNAVAILABLE_WORDING = /overloaded|server_error|service_unavailable|internal_server_error/;
const CONTEXT_LENGTH_WORDING =
  /context_length_exceeded|context[ _-]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length of the (?:messages|prompt|input)|exceeds the maximum number of tokens/;
const CONTENT_FILTER_WORDING =
  /content[_ ]filter|content[_ ]policy|content management policy|responsibleaipolicyviolation|safety system|\bflagged\b|moderation/;

// Undici, Node and Bun codes for a connection that failed or was cut.
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);
const FETCH_FAILURE_MESSAGES = /^(?:fetch failed|failed to fetch|terminated|network error|load failed)$/i;
const SOCKET_MESSAGES = /other side closed|socket hang up/i;

// First match wins. Quota comes before rate limit because both arrive as 429;
// the specific statuses come before the wording so a 503 that mentions a
// prompt is still the provider's failure.
const RULES: readonly Rule[] = [
  ['quota-exceeded', isQuotaExceeded],
  ['rate-limit', isRateLimited],
  ['content-filter', isModerationBlock],
  ['auth', isAuthFailure],
  ['timeout', facts => facts.status === 408 || facts.status === 504],
  ['provider-unavailable', isProviderFailure],
  ['network', isConnectionFailure],
  ['context-length', facts => isClientOrUnknown(facts.status) && CONTEXT_LENGTH_WORDING.test(facts.signals)],
  ['content-filter', facts => isClientOrUnknown(facts.status) && CONTENT_FILTER_WORDING.test(facts.signals)],
  ['bad-request', facts => isClientError(facts.status)],
  // The provider sent something we could not read; another model may do better.
  ['provider-unavailable', facts => facts.chain.some(isUnreadableResponse)],
];

/**
 * The built-in error mapper: decides what a failed model call means.
 *
 * Understands `APICallError` (from any copy of `@ai-sdk/provider`, as
 * providers bundle their own), `LoadAPIKeyError`, this library's
 * `FallbackTimeoutError` (also as the cause of a cut stream), abort and
 * timeout `DOMException`s, undici connection failures, and the plain
 * `{ code, message, type, metadata }` objects providers put in stream error
 * parts (OpenRouter's numeric `code: 429`, OpenAI's `server_error`).
 *
 * Pure and synchronous; never throws. To refine it, call it from your own
 * mapper for the cases you do not handle.
 *
 * @example
 * ```ts
 * const classify = (error: unknown) =>
 *   getStatusCode(error) === 404 ? 'provider-unavailable' : classifyError(error);
 * ```
 */
export function classifyError(error: unknown): ClassifiedErrorType {
  try {
    return classifyByIdentity(error) ?? classifyByFacts(readFacts(error));
  } catch {
    // A hostile object (a throwing getter, a revoked proxy) tells us nothing; treat it as unknown.
    return 'provider-unavailable';
  }
}

function classifyByIdentity(error: unknown): ClassifiedErrorType | undefined {
  const chain = causeChain(error);
  // Our own clock may surface wrapped: aborting a body read with it as the reason makes
  // provider-utils report "Failed to process successful response" with it as the cause.
  if (chain.some(link => FallbackTimeoutError.isInstance(link))) return 'timeout';
  if (chain.some(link => LoadAPIKeyError.isInstance(link))) return 'auth';
  return classifyAbort(chain);
}

function classifyAbort(chain: readonly UnknownRecord[]): ClassifiedErrorType | undefined {
  for (const { name } of chain) {
    if (name === 'TimeoutError') return 'timeout';
    // The engine handles the caller's own abort before asking us, so an abort that
    // reaches the mapper was not ours: the connection or the runtime went away.
    if (name === 'AbortError' || name === 'ResponseAborted') return 'network';
  }
  return undefined;
}

function classifyByFacts(facts: ErrorFacts): ClassifiedErrorType {
  for (const [type, matches] of RULES) {
    if (matches(facts)) return type;
  }
  // An unknown failure with no status and no sign of a broken connection most
  // likely came from the provider (a changed API, a bug on its side), so let
  // the next model try rather than treating the request as wrong.
  return 'provider-unavailable';
}

function readFacts(error: unknown): ErrorFacts {
  const status = getStatusCode(error);
  const texts: unknown[] = [asRecord(error)?.message];
  for (const payload of errorPayloads(error)) {
    texts.push(payload.code, payload.type, payload.message, upstreamRaw(payload));
  }
  if (APICallError.isInstance(error) && isErrorStatus(error.statusCode)) {
    // The parsed `data` drops fields the provider's schema does not know (Azure's innererror).
    texts.push(bodyText(error.responseBody));
  }
  const signals = texts
    .filter((text): text is string => typeof text === 'string')
    .join('\n')
    .toLowerCase();
  return { status, signals, chain: causeChain(error) };
}

/** OpenRouter relays the upstream provider's own error in `metadata.raw`. */
function upstreamRaw(payload: UnknownRecord): string | undefined {
  return bodyText(asRecord(payload.metadata)?.raw);
}

/** A body as bounded text; bodies are not always the strings their types promise. */
function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  try {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return text?.slice(0, MAX_BODY_SIGNAL_CHARS);
  } catch {
    return undefined;
  }
}

function isQuotaExceeded({ status, signals }: ErrorFacts): boolean {
  // OpenRouter: 402 means the account is out of credits.
  return status === 402 || (isClientOrUnknown(status) && QUOTA_WORDING.test(signals));
}

function isRateLimited({ status, signals }: ErrorFacts): boolean {
  return status === 429 || (isClientOrUnknown(status) && RATE_LIMIT_WORDING.test(signals));
}

/** OpenRouter answers 403 when a moderated model flags the input: a filter, not a credential problem. */
function isModerationBlock({ status, signals }: ErrorFacts): boolean {
  return status === 403 && CONTENT_FILTER_WORDING.test(signals);
}

function isAuthFailure({ status, signals }: ErrorFacts): boolean {
  return status === 401 || status === 403 || (isClientOrUnknown(status) && AUTH_WORDING.test(signals));
}

function isProviderFailure({ status, signals }: ErrorFacts): boolean {
  // By code or wording too: OpenAI's Responses API reports a failed response
  // (`server_error`) with a synthesized 400.
  return (status !== undefined && status >= 500) || UNAVAILABLE_WORDING.test(signals);
}

function isConnectionFailure({ status, chain }: ErrorFacts): boolean {
  if (status !== undefined && status >= 400) return false;
  return chain.some(isConnectionLink) || isBodyCutMidway(chain);
}

function isConnectionLink(link: UnknownRecord): boolean {
  const { code, message, name } = link;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('UND_ERR_'))) return true;
  if (typeof message !== 'string') return false;
  // provider-utils' wording for a fetch that never got a response.
  if (APICallError.isInstance(link) && message.startsWith('Cannot connect to API')) return true;
  return (name === 'TypeError' && FETCH_FAILURE_MESSAGES.test(message)) || SOCKET_MESSAGES.test(message);
}

/** provider-utils' wording for a body that failed while being read after a 2xx: the socket went away. */
function isBodyCutMidway(chain: readonly UnknownRecord[]): boolean {
  const [outer] = chain;
  return (
    APICallError.isInstance(outer) &&
    outer.message === 'Failed to process successful response' &&
    !chain.some(isUnreadableResponse)
  );
}

function isUnreadableResponse(link: UnknownRecord): boolean {
  return (
    JSONParseError.isInstance(link) ||
    TypeValidationError.isInstance(link) ||
    EmptyResponseBodyError.isInstance(link) ||
    InvalidResponseDataError.isInstance(link)
  );
}

function isErrorStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 400;
}

function isClientError(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500;
}

/** Wording only counts for 4xx or status-less errors: a 2xx body is a completion, a 5xx is the provider's. */
function isClientOrUnknown(status: number | undefined): boolean {
  return status === undefined || isClientError(status);
}
