import type { FakeRequest } from './fake-request';

/**
 * What the fake provider does with one request.
 *
 * - `'ok'`: the model's {@link canonicalAnswer}, streamed or not as the request asked.
 * - `{ text }`: a successful answer with this text.
 * - `{ reasoning, text? }`: Responses API: a reasoning item (id `rs_…`, this summary, encrypted
 *   content when the request includes `reasoning.encrypted_content`) before the answer. Its items
 *   belong to the request's account; a later request that refers to them (`item_reference`) or
 *   sends their encrypted content from another account gets the real API's 404 `Item with id '…'
 *   not found.` or 400 `invalid_encrypted_content`. Chat completions: the answer only.
 * - `{ status, ... }`: an HTTP error. `retryAfter` (seconds or an HTTP date) becomes the
 *   `retry-after` header, `retryAfterMs` the `retry-after-ms` header; `body` replaces the
 *   JSON error body (a string is sent verbatim).
 * - `'quota'` 429 `insufficient_quota`, `'rate-limit'` 429 `rate_limit_exceeded` without
 *   `retry-after`, `'auth'` 401 `invalid_api_key`, `'credits'` 402 OpenRouter insufficient
 *   credits, `'server-error'` 500, `'overloaded'` 503, `'context-length'` 400
 *   `context_length_exceeded`, `'content-filter'` 400 (`content_filter` on Azure,
 *   `content_policy_violation` elsewhere).
 * - `'reset'`: TCP reset before any response headers.
 * - `'hang'`: never sends headers, until the client aborts or the server closes.
 * - `{ headersDelayMs }`: ok, with the headers sent only after this delay.
 * - `{ firstTokenDelayMs }`: streams: headers at once, first content token after the delay.
 *   Non-streaming: headers at once, body after the delay.
 * - `{ cutAfterTokens }`: streams: N content tokens, then the socket is destroyed.
 *   Non-streaming: the socket is destroyed half-way through the JSON body.
 * - `{ stallAfterTokens, forMs }`: N tokens, silence for `forMs` (default: forever), then the rest.
 * - `{ errorAfterTokens, code, message }`: streams: N tokens (0 = before any output), then an
 *   in-stream error in the provider's format, then the stream ends. Non-streaming: an HTTP
 *   error (the status is `code` when it is an HTTP status, else 500).
 * - `'malformed'`: streams: one event that is not valid JSON among valid ones.
 *   Non-streaming: a 200 whose body is not valid JSON.
 * - `'no-done'`: streams: the whole answer but no completion signal (chat: no `finish_reason`
 *   chunk, no usage chunk, no `[DONE]`; Responses: no `response.completed`).
 * - Empty 200s, a success status with nothing in it that a model would call an answer, as a
 *   misconfigured proxy, a captive portal or a provider having a bad day sends:
 *   - `'html'`: a 200 HTML sign-in page (`content-type: text/html`), streamed or not.
 *   - `'empty-body'`: a 200 with no body. Streams: the SSE headers, then the stream ends.
 *     Non-streaming: JSON headers with `content-length: 0`.
 *   - `'done-only'`: streams: the SSE headers, then only `data: [DONE]` (for the Responses API
 *     too, as a proxy that ends every stream with it would).
 *   - `'accepted-only'`: streams: the frames that accept the request, then the stream ends.
 *     Chat: the role chunk (`delta: { role: 'assistant', content: '' }`, as OpenAI sends it),
 *     after OpenRouter's processing comment or Azure's prompt-filter chunk; Responses:
 *     `response.created` and `response.in_progress`.
 *   - A JSON error body with status 200 is the HTTP error step with a body:
 *     `{ status: 200, body: { error: { message: 'Upstream failed', type: 'server_error' } } }`.
 *
 *   Non-streaming, `'done-only'` and `'accepted-only'` answer normally: like `'no-done'`,
 *   they have no JSON counterpart.
 * - Answers that succeed on the wire but fail a result check (see docs/results.md):
 *   - `'finish-content-filter'`: a 200 with no text whose finish reason is `content_filter` (the
 *     Responses API: `status: 'incomplete'`, `incomplete_details.reason: 'content_filter'`), as
 *     Azure answers when its filter removes the whole completion.
 *   - `{ contentFilterAfterTokens, text? }`: N tokens of the answer, then that finish reason.
 *   - `'refusal'`: the model's structured-output refusal (`I'm sorry, but I can't help with that.`
 *     or `text`): chat `message.refusal` / streamed `delta.refusal`, Responses `refusal` content.
 *   - `'invalid-json'`: a normal answer whose text is not valid JSON (`{"name": "Ada", "age": `).
 *   - `` `json:${text}` ``: a normal answer whose text is `text`, e.g. `'json:{"name":"Ada"}'`.
 * - `'reject-prefill'`: a 400 `invalid_request_error` when the request ends with an assistant
 *   message (a prefill), like a provider that refuses to continue one; other requests get `'ok'`.
 * - a function: decides per request.
 *
 * The timing and fault steps (`headersDelayMs`, `firstTokenDelayMs`, `cutAfterTokens`,
 * `stallAfterTokens`, `errorAfterTokens`) take an optional `text` to send instead of the
 * canonical answer, e.g. `{ cutAfterTokens: 12, text: 'My own answer, cut short.' }`.
 *
 * Every answer honours a prefill: when the request ends with an assistant message, only the
 * rest of the answer is sent (see {@link prefillRemainder}).
 */
export type FakeStep =
  | 'ok'
  | { text: string }
  | { reasoning: string; text?: string }
  | {
      status: number;
      retryAfter?: number | string;
      retryAfterMs?: number;
      code?: string | number;
      type?: string;
      message?: string;
      body?: unknown;
    }
  | 'quota'
  | 'rate-limit'
  | 'auth'
  | 'credits'
  | 'server-error'
  | 'overloaded'
  | 'context-length'
  | 'content-filter'
  | 'reset'
  | 'hang'
  | { headersDelayMs: number; text?: string }
  | { firstTokenDelayMs: number; text?: string }
  | { cutAfterTokens: number; text?: string }
  | { stallAfterTokens: number; forMs?: number; text?: string }
  | { errorAfterTokens: number; code?: string | number; message?: string; text?: string }
  | { contentFilterAfterTokens: number; text?: string }
  | 'finish-content-filter'
  | 'refusal'
  | 'invalid-json'
  | `json:${string}`
  | 'malformed'
  | 'no-done'
  | FakeEmptyAnswerStep
  | 'reject-prefill'
  | ((request: FakeRequest) => FakeStep);

/** A {@link FakeStep} other than a function: what actually happens to a request. */
export type ResolvedFakeStep = Exclude<FakeStep, (request: FakeRequest) => FakeStep>;

/** The HTTP error variant of {@link FakeStep}. */
export type FakeHttpErrorStep = Extract<ResolvedFakeStep, { status: number }>;

/** The named error steps, which answer with a canned provider error. */
export type FakeNamedErrorStep =
  | 'quota'
  | 'rate-limit'
  | 'auth'
  | 'credits'
  | 'server-error'
  | 'overloaded'
  | 'context-length'
  | 'content-filter';

/**
 * What the fake provider does, per model id (`body.model`, or the deployment name of an
 * Azure deployment-based URL).
 *
 * An array is consumed one step per request to that model; once it is used up, further
 * requests get `'ok'`. A single step applies to every request. The key `'*'` is the default
 * for models that are not listed; models with no script at all get `'ok'`.
 */
export type FakeScript = Record<string, FakeStep | FakeStep[]>;

/** The "empty 200" steps: a success status and nothing to read (see {@link FakeStep}). */
export type FakeEmptyAnswerStep = 'html' | 'empty-body' | 'done-only' | 'accepted-only';

const NAMED_ERROR_STEPS: ReadonlySet<string> = new Set<FakeNamedErrorStep>([
  'quota',
  'rate-limit',
  'auth',
  'credits',
  'server-error',
  'overloaded',
  'context-length',
  'content-filter',
]);

export function isNamedErrorStep(step: ResolvedFakeStep): step is FakeNamedErrorStep {
  return typeof step === 'string' && NAMED_ERROR_STEPS.has(step);
}

const EMPTY_ANSWER_STEPS: ReadonlySet<string> = new Set<FakeEmptyAnswerStep>([
  'html',
  'empty-body',
  'done-only',
  'accepted-only',
]);

export function isEmptyAnswerStep(step: ResolvedFakeStep): step is FakeEmptyAnswerStep {
  return typeof step === 'string' && EMPTY_ANSWER_STEPS.has(step);
}

/** A short label such as `'ok'`, `'quota'`, `'status 429'` or `'cutAfterTokens 3'`. */
export function describeStep(step: ResolvedFakeStep): string {
  if (typeof step === 'string') return step;
  if ('status' in step) return `status ${step.status}`;
  if ('headersDelayMs' in step) return `headersDelayMs ${step.headersDelayMs}`;
  if ('firstTokenDelayMs' in step) return `firstTokenDelayMs ${step.firstTokenDelayMs}`;
  if ('cutAfterTokens' in step) return `cutAfterTokens ${step.cutAfterTokens}`;
  if ('stallAfterTokens' in step) return `stallAfterTokens ${step.stallAfterTokens}`;
  if ('errorAfterTokens' in step) return `errorAfterTokens ${step.errorAfterTokens}`;
  if ('contentFilterAfterTokens' in step) return `contentFilterAfterTokens ${step.contentFilterAfterTokens}`;
  if ('reasoning' in step) return 'reasoning';
  return 'text';
}
