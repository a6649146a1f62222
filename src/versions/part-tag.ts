import type { FallbackPartTag } from '../types';

/**
 * The tag that tells which entry produced a part. The chain adds it to the
 * provider metadata of each part it returns that has provider metadata (the
 * parts that can hold a provider's references: item ids, encrypted reasoning,
 * signatures); the AI SDK copies a part's `providerMetadata` into the next
 * turn's message part as `providerOptions`, so a history carries it back.
 */

/** The key of the tag, the one `providerMetadata.fallback` of a result uses. */
export const TAG_KEY = 'fallback';

/** What the chain adds under `providerMetadata.fallback` of each part with provider metadata. */
export type PartTag = FallbackPartTag;

type WithMetadata = { providerMetadata?: Record<string, unknown> };

/**
 * The part with `tag` under `providerMetadata.fallback`, or the part itself
 * when it has no provider metadata: nothing to refer to, and nothing done for
 * plain text deltas.
 */
export function withPartTag<PART>(part: PART, tag: PartTag): PART {
  const metadata = (part as WithMetadata).providerMetadata;
  if (metadata == null) return part;
  return { ...part, providerMetadata: { ...metadata, [TAG_KEY]: tag } };
}

/** The content with each part that has provider metadata tagged; the same array when none has any. */
export function withPartTags<PART>(content: readonly PART[], tag: PartTag): PART[] {
  let tagged: PART[] | undefined;
  for (let index = 0; index < content.length; index++) {
    const part = content[index]!;
    const next = withPartTag(part, tag);
    if (next !== part) {
      tagged ??= content.slice();
      tagged[index] = next;
    }
  }
  return tagged ?? (content as PART[]);
}
