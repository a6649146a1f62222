/**
 * The candidate `input` most likely meant, or `undefined` when none is close:
 * the same word in another case or punctuation (`ratelimit` → `rate-limit`)
 * a typo of at most one edit per four characters (`RateLimt` → `RateLimit`),
 * or a prefix of four or more characters (`total` → `totalMs`).
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const folded = fold(input);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    const foldedCandidate = fold(candidate);
    const close =
      foldedCandidate === folded ||
      distance <= Math.max(1, Math.floor(candidate.length / 4)) ||
      (folded.length >= 4 && foldedCandidate.startsWith(folded));
    if (close && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/**
 * `name.key` when `input` is a key of one of the nested objects `groups`
 * (the same name first, then a near one): an option written one level up,
 * `totalMs` for `timeouts.totalMs`.
 */
export function nestedMatch(
  input: string,
  groups: readonly { name: string; keys: readonly string[] }[],
): string | undefined {
  let near: string | undefined;
  for (const { name, keys } of groups) {
    if (keys.includes(input)) return `${name}.${input}`;
    const match = closestMatch(input, keys);
    near ??= match === undefined ? undefined : `${name}.${match}`;
  }
  return near;
}

/**
 * ` (did you mean 'x'?)`, or an empty string when nothing is close.
 * `renamed` maps names that are not typos but another spelling of a
 * candidate (an older API's name, `maxTokens` → `maxOutputTokens`; the
 * original design's name, `ProviderQuotaExceeded` → `quota-exceeded`); they
 * match in any case or punctuation (`max_tokens`).
 */
export function didYouMean(
  input: unknown,
  candidates: readonly string[],
  renamed: Readonly<Record<string, string>> = {},
): string {
  if (typeof input !== 'string' || input === '') return '';
  const folded = fold(input);
  const alias = Object.entries(renamed).find(([name]) => fold(name) === folded)?.[1];
  const match = alias !== undefined && candidates.includes(alias) ? alias : closestMatch(input, candidates);
  return match === undefined || match === input ? '' : ` (did you mean '${match}'?)`;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Edit distance where a swap of two neighbours counts as one edit (`Timeuot` → `Timeout`). Case-sensitive. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}
