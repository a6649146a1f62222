/**
 * Fallback settings of one call, passed as `providerOptions.fallback` of
 * `generateText`, `streamText` or an agent. Each field overrides, for this call
 * only, what the chain was built with; the `fallback` key is removed before the
 * call reaches any provider. A type alias, not an interface, so it fits the AI
 * SDK's JSON-typed `providerOptions`.
 *
 * @example
 * streamText({ model, prompt, providerOptions: { fallback: { enabled: false } satisfies FallbackCallOptions } });
 */
export type FallbackCallOptions = {
  /** `false`: the first entry alone (of `entries` when given), called as the bare model: no retries, no timeouts, its own errors. */
  enabled?: boolean;
  /** The entries of this call, by `id`, in the order given; an unknown id is refused with the known ones. */
  entries?: string[];
  /** Retries on each model of this call, over the chain's and each entry's own. */
  maxRetriesPerModel?: number;
  /** The clocks of this call: `totalMs` over the chain's, the others over every entry's. */
  timeouts?: {
    requestMs?: number | false;
    firstChunkMs?: number | false;
    chunkIdleMs?: number | false;
    totalMs?: number | false;
  };
  /** What a stream that fails after its first output does in this call. */
  midStream?: 'error' | 'continue';
  /** Where this call's streams are judged, over the chain's and every entry's: `'finish'` holds each stream to its finish and checks it. */
  commit?: 'first-output' | 'finish';
};
