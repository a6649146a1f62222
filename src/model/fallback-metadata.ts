import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
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

/** Provider metadata with the fallback record merged in (JSON-typed as the spec wants it). */
export function mergeMetadata(
  providerMetadata: SharedV4ProviderMetadata | undefined,
  metadata: { fallback: FallbackMetadata },
): SharedV4ProviderMetadata {
  return { ...providerMetadata, ...(metadata as unknown as SharedV4ProviderMetadata) };
}
