import { redactKnownSecrets } from './known-secrets';

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
 * `value` with secrets replaced by `[redacted]`, by the rules every message,
 * log line and `describeError` text of this package follows:
 *
 * - by value: every API key this process knows, i.e. each key
 *   `fallbackFromConfig` read from the environment (its default variable or
 *   the one `apiKeyEnv` names), wherever it appears; values under 8
 *   characters are not tracked;
 * - by pattern: `sk-…` keys (OpenAI, OpenRouter, Anthropic), Google `AIza…`
 *   keys, `Bearer …` tokens, and the values of `Authorization`, `api-key`,
 *   `x-api-key` and `access_token` fields, in header, query or JSON form.
 *
 * Use it on anything you log yourself, such as the raw provider errors that
 * events and `FallbackExhaustedError.attempts` hand over as they are.
 *
 * @example
 * ```ts
 * import { redactSecrets } from 'ai-sdk-fallback';
 *
 * redactSecrets('Authorization: Bearer sk-proj-abcdefghijklmnop'); // 'Authorization: [redacted]'
 * ```
 */
export function redactSecrets(value: string): string {
  return SECRET_PATTERNS.reduce(
    (redacted, [pattern, replacement]) => redacted.replace(pattern, replacement),
    // Known values first: a pattern could otherwise consume part of a key and leave the rest.
    redactKnownSecrets(value),
  );
}
