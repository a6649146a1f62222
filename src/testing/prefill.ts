import type { FakeProviderName } from './fake-request';
import { providerErrorBody, type WireError } from './wire-errors';

/**
 * What the fake sends when a request is prefilled: its answer from the prefill's length on.
 *
 * The fake has no model of language, so it continues its own answer by position:
 * `prefill + prefillRemainder(answer, prefill)` always has the length of `answer`, and equals
 * `answer` whenever `prefill` is a prefix of it (the same model continuing, or `{ text }`
 * steps with the same text). Canonical answers differ only in the model id, so a cut after the
 * id, continued by a model whose id has the same length, also reads as one coherent answer.
 * A prefill as long as the answer or longer leaves nothing to send: an empty answer.
 *
 * @example
 * ```ts
 * const prefill = 'Hello from model-a. This is';
 * prefill + prefillRemainder(canonicalAnswer('model-b'), prefill) === canonicalAnswer('model-a');
 * ```
 */
export function prefillRemainder(answer: string, prefill: string): string {
  return answer.slice(prefill.length);
}

/**
 * The text of the request's trailing assistant message (the prefill a caller asks the model
 * to continue), or `undefined` when the last message is not an assistant text message.
 * Reads chat completions (`messages`) and Responses (`input`) bodies, with content as a
 * string or as text parts.
 */
export function trailingAssistantText(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { messages, input } = body as { messages?: unknown; input?: unknown };
  const list = Array.isArray(messages) ? messages : Array.isArray(input) ? input : undefined;
  const last: unknown = list?.at(-1);
  if (last === null || typeof last !== 'object') return undefined;
  const { role, content } = last as { role?: unknown; content?: unknown };
  if (role !== 'assistant') return undefined;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.flatMap(part =>
    part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
      ? [(part as { text: string }).text]
      : [],
  );
  return texts.length === 0 ? undefined : texts.join('');
}

// Wording of providers that refuse assistant prefill; it must read as a plain bad request
// (no context-length or content-filter words), which is how the chain classifies it.
const REJECTION_MESSAGE =
  'This model does not support assistant message prefill. The conversation must end with a user message.';

/** The 400 of the `'reject-prefill'` step, in the provider's error format. */
export function prefillRejection(provider: FakeProviderName): WireError {
  return {
    status: 400,
    headers: {},
    body: providerErrorBody(provider, { status: 400, type: 'invalid_request_error', message: REJECTION_MESSAGE }),
  };
}
