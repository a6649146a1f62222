import type { FallbackCaughtError, FallbackMetadata, FallbackUsage } from '../types';
import type { Served } from './call-input';
import { entryRef } from './failure';

/**
 * `providerMetadata.fallback` for a served call: who answered, what was
 * caught on the way, and the tokens of every attempt that reported any
 * (`usage`: the serving attempt's own).
 */
export function fallbackMetadata(
  served: Pick<Served<unknown>, 'entry' | 'attempts' | 'caught' | 'hedge'>,
  usage: FallbackUsage | undefined,
): { fallback: FallbackMetadata } {
  const fallback: FallbackMetadata = {
    servedBy: entryRef(served.entry),
    attempts: served.attempts,
    caught: served.caught,
  };
  const totalUsage = sumUsage(served.caught, usage);
  if (totalUsage !== undefined) fallback.totalUsage = totalUsage;
  if (served.hedge !== undefined) fallback.hedge = served.hedge;
  return { fallback };
}

/** The serving attempt's tokens, unless it is a passed-on failure whose tokens `caught` already counts. */
export function servingUsage(
  served: Pick<Served<unknown>, 'passThrough'>,
  usage: FallbackUsage | undefined,
): FallbackUsage | undefined {
  return served.passThrough === undefined ? usage : undefined;
}

/** The record with the serving attempt's tokens added to the failed attempts' (never estimated, never counted twice). */
export function withUsage(
  metadata: { fallback: FallbackMetadata },
  usage: FallbackUsage | undefined,
): { fallback: FallbackMetadata } {
  const totalUsage = sumUsage(metadata.fallback.caught, usage);
  return totalUsage === undefined ? metadata : { fallback: { ...metadata.fallback, totalUsage } };
}

/** Tokens summed over the caught attempts and `usage`; a kind nobody reported stays absent. */
function sumUsage(caught: readonly FallbackCaughtError[], usage: FallbackUsage | undefined): FallbackUsage | undefined {
  let inputTokens: number | undefined = usage?.inputTokens;
  let outputTokens: number | undefined = usage?.outputTokens;
  for (const failure of caught) {
    if (failure.usage?.inputTokens !== undefined) inputTokens = (inputTokens ?? 0) + failure.usage.inputTokens;
    if (failure.usage?.outputTokens !== undefined) outputTokens = (outputTokens ?? 0) + failure.usage.outputTokens;
  }
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const total: FallbackUsage = {};
  if (inputTokens !== undefined) total.inputTokens = inputTokens;
  if (outputTokens !== undefined) total.outputTokens = outputTokens;
  return total;
}

/**
 * Provider metadata with the fallback record merged in. The record is JSON;
 * it is typed as the version's metadata type, which every spec defines as a
 * record of JSON objects per provider.
 */
export function mergeMetadata<METADATA extends Record<string, unknown>>(
  providerMetadata: METADATA | undefined,
  metadata: { fallback: FallbackMetadata },
): METADATA {
  if (providerMetadata === undefined) return metadata as unknown as METADATA;
  return { ...providerMetadata, fallback: metadata.fallback } as unknown as METADATA;
}
