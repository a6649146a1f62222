/**
 * The secret values this process knows (the API keys the config loader read),
 * redacted by value wherever they appear: a key of no known shape (Azure's 32
 * hex digits, a gateway's own token) echoed by an upstream matches no pattern.
 */
interface KnownSecrets {
  values: Set<string>;
  /** The values longest first, so a key that contains another is redacted whole; rebuilt on change. */
  ordered: string[] | undefined;
}

// Shorter values are too likely to be ordinary words or ids to hide everywhere they appear.
const MIN_SECRET_CHARS = 8;

// On globalThis, so the ESM and CJS builds loaded into one process (a dual-package
// install) share one registry: a key the config loader read in one is redacted by the other.
const REGISTRY = Symbol.for('ai-sdk-fallback.known-secrets');

function registry(): KnownSecrets {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: KnownSecrets };
  holder[REGISTRY] ??= { values: new Set(), ordered: undefined };
  return holder[REGISTRY];
}

/** Remembers `value` as a secret for the rest of the process. Values under 8 characters are ignored. */
export function registerSecret(value: string): void {
  // Header values are sent trimmed, so an upstream echoes the trimmed key.
  const secret = value.trim();
  if (secret.length < MIN_SECRET_CHARS) return;
  const known = registry();
  if (known.values.has(secret)) return;
  known.values.add(secret);
  known.ordered = undefined;
}

/** `text` with every known secret replaced by `[redacted]`; free when none is known. */
export function redactKnownSecrets(text: string): string {
  const known = registry();
  if (known.values.size === 0) return text;
  known.ordered ??= [...known.values].sort((a, b) => b.length - a.length);
  let redacted = text;
  for (const secret of known.ordered) {
    if (redacted.includes(secret)) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}
