/** Span names: one per call, one child per attempt. */
export const CALL_SPAN = 'ai_sdk_fallback.call';
export const ATTEMPT_SPAN = 'ai_sdk_fallback.attempt';

/**
 * Attribute keys. The package's own are under `ai_sdk_fallback.`; where an
 * OpenTelemetry semantic convention exists (`gen_ai.*`, `http.*`,
 * `error.type`), its key is used.
 */
export const ATTR = {
  op: 'ai_sdk_fallback.operation',
  callId: 'ai_sdk_fallback.call_id',
  entries: 'ai_sdk_fallback.entries',
  outcome: 'ai_sdk_fallback.outcome',
  attempts: 'ai_sdk_fallback.attempts',
  served: 'ai_sdk_fallback.served_entry',
  end: 'ai_sdk_fallback.stream.end',
  index: 'ai_sdk_fallback.entry.index',
  id: 'ai_sdk_fallback.entry.id',
  attempt: 'ai_sdk_fallback.attempt',
  retryAfter: 'ai_sdk_fallback.retry_after_ms',
  ttfo: 'ai_sdk_fallback.time_to_first_output_ms',
  delayMs: 'ai_sdk_fallback.delay_ms',
  reason: 'ai_sdk_fallback.reason',
  until: 'ai_sdk_fallback.circuit.until',
  opened: 'ai_sdk_fallback.circuit.opened_by',
  wasted: 'ai_sdk_fallback.wasted',
  provider: 'gen_ai.provider.name',
  model: 'gen_ai.request.model',
  answered: 'gen_ai.response.model',
  token: 'gen_ai.token.type',
  error: 'error.type',
  status: 'http.response.status_code',
} as const;

/** Longest string value recorded: ids and model names are the user's, descriptions the provider's. */
export const MAX_VALUE_LENGTH = 256;

/** A string cut to {@link MAX_VALUE_LENGTH}, marked when cut. */
export function bounded(value: string): string {
  return value.length <= MAX_VALUE_LENGTH ? value : `${value.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

/** OpenTelemetry's `SpanStatusCode.ERROR`. */
export const STATUS_ERROR = 2;
