import type { FallbackCallContext, FallbackMetadata, FallbackModelKind } from '../../types';

/** The spec versions the other kinds have (V1, AI SDK 4, had only language models here). */
export type KindVersion = 'v2' | 'v3' | 'v4';

/** What building a kind's chain model reads of each entry. */
export interface KindEntry<MODEL> {
  readonly provider: string;
  readonly modelId: string;
  readonly model: MODEL;
}

/** The call options every kind has: the engine links the attempt's signal and merges settings. */
export interface KindCallOptions {
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, Record<string, unknown>>;
}

/**
 * Everything a chain needs to know about one kind of model (embedding,
 * image, …), so the one engine runs it: one request, one result. The chain
 * side calls `call` per attempt and hands the result back through
 * `withMetadata`; `createModel` builds the model `withFallback` returns.
 */
export interface KindSpec<MODEL, OPTIONS extends KindCallOptions, RESULT> {
  readonly kind: Exclude<FallbackModelKind, 'language'>;
  readonly operation: FallbackCallContext['operation'];
  /** The spec versions of this kind this package serves. */
  readonly versions: readonly KindVersion[];
  /** Settings that `version` has no call option for: refused at construction, as they would be lost. */
  unsupportedSettings(version: KindVersion): readonly string[];
  /** Why an entry's model cannot serve in a chain (a missing call), or undefined when it can. */
  unusable?(model: MODEL): string | undefined;
  /** The model as a model of `version` (lifted as the AI SDK of that version runs it). */
  normalize(model: MODEL, version: KindVersion): MODEL;
  /** One attempt's call. */
  call(model: MODEL, options: OPTIONS): PromiseLike<RESULT>;
  /** A check of each served result for one chain, made at construction (embeddings: the vectors' size). */
  guard?(config: {
    allowMixedDimensions: boolean;
  }): ((result: RESULT, entryId: string, options: OPTIONS) => void) | undefined;
  /** The result with `providerMetadata.fallback` (the result as it is when the kind's result carries no metadata). */
  withMetadata(result: RESULT, record: { fallback: FallbackMetadata }): RESULT;
  /** The chain's model: the primary's identity, the capabilities every entry has, `call` for the work. */
  createModel(
    entries: readonly KindEntry<MODEL>[],
    version: KindVersion,
    call: (options: OPTIONS) => Promise<RESULT>,
  ): MODEL;
}

/** A spec of any kind, for code that only passes it on. */
// biome-ignore lint/suspicious/noExplicitAny: the variance of each kind's types is irrelevant where specs are only passed through.
export type AnyKindSpec = KindSpec<any, any, any>;

/** The result with the fallback record beside the providers' entries of its `providerMetadata` (JSON, like theirs). */
export function withRecord<RESULT extends { providerMetadata?: object }>(result: RESULT, record: object): RESULT {
  return { ...result, providerMetadata: { ...result.providerMetadata, ...record } };
}

/**
 * The identity every kind's chain model has: the chain's version, and the
 * primary's provider and model id. Typed as V4, the types the specs use for
 * every version (V2 and V3 models of these kinds have the same calls);
 * TypeScript cannot tie `version` to the literal.
 */
export function identity(entries: readonly KindEntry<unknown>[], version: KindVersion) {
  const primary = entries[0]!;
  return { specificationVersion: version as 'v4', provider: primary.provider, modelId: primary.modelId };
}
