import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  TypeValidationError,
} from '@ai-sdk/provider';
import type { FallbackErrorType } from '../types/error-type';
import { FallbackEmptyResponseError } from './empty-response-error';
import type { UnknownRecord } from './error-graph';
import { type ErrorFacts, readErrorFacts } from './facts';
import { FallbackTimeoutError } from './fallback-timeout-error';
import { CONNECTION_ERROR_CODES, PROVIDER_WORDING } from './providers';
import { FallbackResultError } from './result-error';
import { errorWording } from './wording';

/** What {@link classifyError} can answer: every type but the `'all'` wildcard. */
type ClassifiedErrorType = Exclude<FallbackErrorType, 'all'>;

type Rule = readonly [ClassifiedErrorType, (facts: RuleFacts) => boolean];

/** What the rules look at: the error's facts, and its wording as one lowercased text. */
interface RuleFacts {
  readonly status: number | undefined;
  /** Lowercased codes, types and messages of the error and its payloads (and the body of an HTTP error). */
  readonly signals: string;
  readonly chain: readonly UnknownRecord[];
}

const FETCH_FAILURE_MESSAGES = /^(?:fetch failed|failed to fetch|terminated|network error|load failed)$/i;
const SOCKET_MESSAGES = /other side closed|socket hang up/i;
const W = PROVIDER_WORDING;

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
  ['context-length', facts => isClientOrUnknown(facts.status) && W.contextLength.test(facts.signals)],
  ['content-filter', facts => isClientOrUnknown(facts.status) && W.contentFilter.test(facts.signals)],
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
  return classifyFacts(readErrorFacts(error));
}

/** {@link classifyError} of facts already read. */
export function classifyFacts(facts: ErrorFacts): ClassifiedErrorType {
  try {
    return classifyByIdentity(facts.chain) ?? classifyByRules(ruleFacts(facts));
  } catch {
    // A hostile object (a throwing getter, a revoked proxy) tells us nothing; treat it as unknown.
    return 'provider-unavailable';
  }
}

function classifyByIdentity(chain: readonly UnknownRecord[]): ClassifiedErrorType | undefined {
  // Our own clock may surface wrapped: aborting a body read with it as the reason makes
  // provider-utils report "Failed to process successful response" with it as the cause.
  if (chain.some(link => FallbackTimeoutError.isInstance(link))) return 'timeout';
  if (chain.some(link => LoadAPIKeyError.isInstance(link))) return 'auth';
  const empty = chain.find(link => FallbackEmptyResponseError.isInstance(link)) as
    | FallbackEmptyResponseError
    | undefined;
  if (empty !== undefined) return empty.finishReason === 'content-filter' ? 'content-filter' : 'empty-response';
  const rejected = chain.find(link => FallbackResultError.isInstance(link)) as FallbackResultError | undefined;
  if (rejected !== undefined) return rejected.type;
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

function classifyByRules(facts: RuleFacts): ClassifiedErrorType {
  for (const [type, matches] of RULES) {
    if (matches(facts)) return type;
  }
  // An unknown failure with no status and no sign of a broken connection most
  // likely came from the provider (a changed API, a bug on its side), so let
  // the next model try rather than treating the request as wrong.
  return 'provider-unavailable';
}

function ruleFacts(facts: ErrorFacts): RuleFacts {
  return { status: facts.status, signals: errorWording(facts), chain: facts.chain };
}

function isQuotaExceeded({ status, signals }: RuleFacts): boolean {
  // OpenRouter: 402 means the account is out of credits.
  return status === 402 || (isClientOrUnknown(status) && W.quota.test(signals));
}

function isRateLimited({ status, signals }: RuleFacts): boolean {
  return status === 429 || (isClientOrUnknown(status) && W.rateLimit.test(signals));
}

/** OpenRouter answers 403 when a moderated model flags the input: a filter, not a credential problem. */
function isModerationBlock({ status, signals }: RuleFacts): boolean {
  return status === 403 && W.contentFilter.test(signals);
}

function isAuthFailure({ status, signals }: RuleFacts): boolean {
  return status === 401 || status === 403 || (isClientOrUnknown(status) && W.auth.test(signals));
}

function isProviderFailure({ status, signals }: RuleFacts): boolean {
  // By code or wording too: OpenAI's Responses API reports a failed response
  // (`server_error`) with a synthesized 400.
  return (status !== undefined && status >= 500) || W.unavailable.test(signals);
}

function isConnectionFailure({ status, chain }: RuleFacts): boolean {
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

function isClientError(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500;
}

/** Wording only counts for 4xx or status-less errors: a 2xx body is a completion, a 5xx is the provider's. */
function isClientOrUnknown(status: number | undefined): boolean {
  return status === undefined || isClientError(status);
}
