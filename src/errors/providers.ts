/**
 * Where providers put what the error mapper reads, as data: the one place to
 * look when a provider changes its error shape.
 */
export const PROVIDER_QUIRKS = {
  /**
   * Nested error payloads, followed in this order from every payload:
   * OpenAI nests the detail under `error`, the SDK's stream errors under
   * `data`, the Responses API under `response.error`, Azure under `innererror`.
   */
  nestedPayloads: [['error'], ['data'], ['response', 'error'], ['innererror']],
  /** Fields of a payload that may carry an HTTP status (OpenRouter answers some failures with 200 and `{ error: { code: 502 } }`). */
  statusFields: ['statusCode', 'status', 'status_code', 'code'],
  /** OpenRouter relays the upstream provider's own error in `metadata.raw`, naming it in `metadata.provider_name`. */
  upstreamRaw: ['metadata', 'raw'],
  upstreamProvider: ['metadata', 'provider_name'],
  /** Headers carried inside payloads: a plain object's `headers`; OpenRouter's `metadata.headers`, also in stream error parts. */
  payloadHeaders: [['headers'], ['metadata', 'headers']],
  /**
   * Retry headers, most precise first: `retry-after-ms` (OpenAI, Azure),
   * `retry-after` (seconds or an HTTP date), and OpenRouter's
   * `X-RateLimit-Reset` (an absolute epoch, its own 429s have no Retry-After).
   */
  retryAfterMsHeader: 'retry-after-ms',
  retryAfterHeader: 'retry-after',
  resetEpochHeader: 'x-ratelimit-reset',
} as const;

/** Provider wording the rules match, lowercased. */
export const PROVIDER_WORDING = {
  /** OpenAI `insufficient_quota`, billing; OpenRouter credits and `free-models-per-day`. */
  quota:
    /insufficient[_ ]quota|exceeded your current quota|quota exceeded|billing|insufficient (?:credits|balance|funds)|credit balance|out of credits|free-models-per-day|\bper[- ]day\b|daily limit/,
  rateLimit: /rate[_ ]limit|too[_ ]many[_ ]requests/,
  auth: /invalid_api_key|incorrect api key|authentication_error|permission_error|permission_denied|unauthorized/,
  /** OpenAI's Responses API reports a failed response (`server_error`) with a synthesized 400. */
  unavailable: /overloaded|server_error|service_unavailable|internal_server_error/,
  contextLength:
    /context_length_exceeded|context[ _-]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length of the (?:messages|prompt|input)|exceeds the maximum number of tokens/,
  /** Azure `ResponsibleAIPolicyViolation` and its content management policy; OpenRouter moderation. */
  contentFilter:
    /content[_ ]filter|content[_ ]policy|content management policy|responsibleaipolicyviolation|safety system|\bflagged\b|moderation/,
} as const;

/** Undici, Node and Bun codes for a connection that failed or was cut. */
export const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
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
