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
 * `text` with API keys and credentials replaced by `[redacted]`: `sk-…`
 * keys (OpenAI, OpenRouter, Anthropic), Google `AIza…` keys, `Bearer …`
 * tokens, and the values of `Authorization`, `api-key`, `x-api-key` and
 * `access_token` fields, in header, query or JSON form.
 */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}
