import { APICallError } from '@ai-sdk/provider';
import { valueAt } from './error-graph';
import type { ErrorFacts } from './facts';
import { PROVIDER_QUIRKS } from './providers';

// Error bodies can be large (OpenRouter relays the upstream body); the wording sits near the top.
const MAX_BODY_CHARS = 10_000;

/**
 * What an error says, as one lowercased text for wording rules: its message,
 * the codes, types and messages of its provider payloads, the upstream body
 * OpenRouter relays and, for an HTTP error status, the raw body (the parsed
 * `data` drops fields the provider's schema does not know, such as Azure's
 * `innererror`). Read from facts already gathered, so nothing walks the error again.
 */
export function errorWording({ error, record, payloads }: ErrorFacts): string {
  const texts: unknown[] = [record?.message];
  for (const payload of payloads) {
    texts.push(payload.code, payload.type, payload.message, bodyText(valueAt(payload, PROVIDER_QUIRKS.upstreamRaw)));
  }
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    texts.push(bodyText(error.responseBody));
  }
  return texts
    .filter((text): text is string => typeof text === 'string')
    .join('\n')
    .toLowerCase();
}

/** A body as bounded text; bodies are not always the strings their types promise. */
function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  try {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return text?.slice(0, MAX_BODY_CHARS);
  } catch {
    return undefined;
  }
}
