/**
 * What a provider failure means, as decided by the error mapper.
 *
 * Use the keys (`FallbackErrorType.RateLimit`) or the string values
 * (`'rate-limit'`) interchangeably in `catchErrors` and `retryOn`.
 */
export const FallbackErrorType = {
  /** 429 without a quota or billing cause: back off and retry, or move on. */
  RateLimit: 'rate-limit',
  /** 401, 403, or a missing API key. */
  Auth: 'auth',
  /** 500, 502, 503, 529, `overloaded`, `server_error`. */
  ProviderUnavailable: 'provider-unavailable',
  /** 429 `insufficient_quota`, billing wording, or 402 (OpenRouter credits). */
  ProviderQuotaExceeded: 'quota-exceeded',
  /** 408, 504, or one of this library's own timeouts. */
  Timeout: 'timeout',
  /** The connection failed or was cut (ECONNRESET, ECONNREFUSED, a socket closed mid-body). */
  Network: 'network',
  /** 400 because the prompt is longer than the model's context window. */
  ContextLength: 'context-length',
  /** 400 because a content filter or policy rejected the request. */
  ContentFilter: 'content-filter',
  /** Any other 4xx: the request itself is wrong. */
  BadRequest: 'bad-request',
  /** The model answered with no output at all (no text, reasoning, tool call, file or source): an empty 200. */
  EmptyResponse: 'empty-response',
  /**
   * A successful answer that is not what the call asked for: text that is not
   * valid JSON when the call asked for JSON, or JSON that does not satisfy the
   * call's schema. Caught by default; not retried on the same model by default.
   */
  InvalidOutput: 'invalid-output',
  /** Catch-all for `catchErrors` and `retryOn`: matches every type. */
  All: 'all',
} as const;

/** One of the {@link FallbackErrorType} values, e.g. `'rate-limit'`. */
export type FallbackErrorType = (typeof FallbackErrorType)[keyof typeof FallbackErrorType];

/** Every type a failure can be classified as (all but the `'all'` wildcard). */
export const CLASSIFIED_ERROR_TYPES: readonly Exclude<FallbackErrorType, 'all'>[] = Object.values(
  FallbackErrorType,
).filter((type): type is Exclude<FallbackErrorType, 'all'> => type !== 'all');

/** Types that describe the request rather than the provider: another model would fail the same way. */
export const REQUEST_ERROR_TYPES: readonly FallbackErrorType[] = [
  FallbackErrorType.ContextLength,
  FallbackErrorType.ContentFilter,
  FallbackErrorType.BadRequest,
];

/** True when `type` is listed in `types` or `types` contains `'all'`. */
export function matchesErrorType(types: readonly FallbackErrorType[], type: FallbackErrorType): boolean {
  return types.includes(FallbackErrorType.All) || types.includes(type);
}
