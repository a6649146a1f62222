/** What `supportedUrls` resolves to. */
export type SupportedUrls = Record<string, RegExp[]>;

/**
 * The URLs every entry can fetch by itself. The AI SDK downloads any URL the
 * model does not claim, so claiming only what all entries support keeps a
 * fallback from receiving a URL it cannot read. Where an entry's patterns
 * cannot be compared exactly (a narrower media type), the answer is "not
 * supported": downloading is always safe.
 */
export function intersectSupportedUrls(all: readonly SupportedUrls[]): SupportedUrls {
  const [first, ...rest] = all;
  if (first === undefined) return {};
  if (rest.length === 0) return first;
  const result: SupportedUrls = {};
  for (const [mediaType, patterns] of Object.entries(first)) {
    if (rest.every(other => patternsCovering(other, mediaType).length > 0)) {
      result[mediaType] = [new AllOfRegExp([patterns, ...rest.map(other => patternsCovering(other, mediaType))])];
    }
  }
  return result;
}

/** Patterns of `urls` whose media type key covers `mediaType` (equal, `type/*` or `*`). */
function patternsCovering(urls: SupportedUrls, mediaType: string): RegExp[] {
  const wanted = mediaType.toLowerCase();
  return Object.entries(urls)
    .filter(([key]) => {
      const k = key.toLowerCase();
      if (k === '*' || k === '*/*' || k === wanted) return true;
      return k.endsWith('/*') && wanted.startsWith(k.slice(0, -1)) && !wanted.endsWith('/*');
    })
    .flatMap(([, patterns]) => patterns);
}

/** Matches a URL only when, for each group, one of its patterns does. */
class AllOfRegExp extends RegExp {
  constructor(private readonly groups: RegExp[][]) {
    super('(?:)');
  }

  override test(url: string): boolean {
    return this.groups.every(group => group.some(pattern => testFromStart(pattern, url)));
  }
}

function testFromStart(pattern: RegExp, value: string): boolean {
  const lastIndex = pattern.lastIndex;
  pattern.lastIndex = 0;
  try {
    return pattern.test(value);
  } finally {
    pattern.lastIndex = lastIndex;
  }
}
