import { readErrorFacts } from './facts';
import { errorWording } from './wording';

/**
 * How providers word "this request may not end with an assistant message",
 * lowercased. Each alternative is a real provider's:
 * - Anthropic (Claude 4.6 and later), Bedrock Converse, GitHub Copilot's proxy:
 *   "This model does not support assistant message prefill. The conversation
 *   must end with a user message."
 * - Bedrock's older wording: "A conversation must end with a user message."
 * - Mistral (`invalid_request_message_order`): "Expected last role User or
 *   Tool (or Assistant with prefix True) for serving but got assistant".
 * - Anthropic with extended thinking: "a final `assistant` message must start
 *   with a thinking block" (a text prefill is refused for that entry's settings).
 * - A generic "prefill(ing) … not supported" / "unsupported".
 */
const PREFILL_REFUSAL =
  /does not support (?:an? )?(?:assistant )?(?:message )?prefill|prefill(?:ing)?\b[^.\n]{0,60}\b(?:not supported|unsupported)|conversation must end with a user message|expected (?:the )?last role (?:to be )?user or tool|final `?assistant`? message must start with a thinking block/;

// A refusal is a validation error: 400, or 422 as some OpenAI-compatible servers answer them.
const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 422]);

/**
 * Whether `error` is a model's refusal of a trailing assistant message (an
 * assistant prefill): a 400 (or 422) whose message, code or body says so.
 * Reads the same places the error mapper reads: the error's message, its
 * provider payloads (OpenAI-style `error`, stream error parts), the upstream
 * body OpenRouter relays, and an HTTP error's raw body. Pure; never throws.
 */
export function isPrefillRefusal(error: unknown): boolean {
  try {
    const facts = readErrorFacts(error);
    if (facts.status === undefined || !REFUSAL_STATUSES.has(facts.status)) return false;
    return PREFILL_REFUSAL.test(errorWording(facts));
  } catch {
    return false;
  }
}
