import { entryRef } from '../engine/classify-attempt';
import type { FallbackRun } from '../engine/run-with-fallback';
import type { FallbackMetadata } from '../types';

/** `providerMetadata.fallback` for a successful run: who answered and what was caught on the way. */
export function fallbackMetadata(run: FallbackRun<unknown>): { fallback: FallbackMetadata } {
  return {
    fallback: {
      servedBy: entryRef(run.entry),
      attempts: run.attempts,
      caught: run.caught,
    },
  };
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
