import type { FallbackMetadata } from '../types';
import { entryRef } from './failure';
import type { Served } from './run';

/** `providerMetadata.fallback` for a served call: who answered and what was caught on the way. */
export function fallbackMetadata(served: Served<unknown>): { fallback: FallbackMetadata } {
  return { fallback: { servedBy: entryRef(served.entry), attempts: served.attempts, caught: served.caught } };
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
  return { ...providerMetadata, ...metadata } as unknown as METADATA;
}
