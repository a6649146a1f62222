import type { FallbackEntry } from '../types';

type VersionOf<MODEL> = MODEL extends { readonly specificationVersion: infer VERSION } ? VERSION : never;
type OfVersion<MODEL, VERSION> = Extract<MODEL, { readonly specificationVersion: VERSION }>;

/** The models of a chain's items: bare models and the `model` of entries. */
export type ModelsOf<ITEMS extends readonly unknown[]> = ITEMS[number] extends infer ITEM
  ? ITEM extends FallbackEntry<infer MODEL>
    ? MODEL
    : ITEM
  : never;

/** The models of the highest spec version among `MODEL`: what a chain of them is lifted to. */
export type HighestSpecModel<MODEL> =
  'v4' extends VersionOf<MODEL>
    ? OfVersion<MODEL, 'v4'>
    : 'v3' extends VersionOf<MODEL>
      ? OfVersion<MODEL, 'v3'>
      : 'v2' extends VersionOf<MODEL>
        ? OfVersion<MODEL, 'v2'>
        : OfVersion<MODEL, 'v1'>;

type V1Members =
  | 'specificationVersion'
  | 'provider'
  | 'modelId'
  | 'defaultObjectGenerationMode'
  | 'supportsImageUrls'
  | 'supportsStructuredOutputs'
  | 'supportsUrl'
  | 'doGenerate'
  | 'doStream';
type Members = 'specificationVersion' | 'provider' | 'modelId' | 'supportedUrls' | 'doGenerate' | 'doStream';

type SpecMembers<MODEL> = Pick<
  MODEL,
  Extract<keyof MODEL, MODEL extends { readonly specificationVersion: 'v1' } ? V1Members : Members>
>;

/**
 * The model `withFallback` returns for a chain of `MODEL`s: the
 * `LanguageModelVn` of the chain's highest spec version, with the member
 * types of the caller's own `@ai-sdk/provider` of that major (taken from the
 * models passed in). So it assigns to that major's `generateText({ model })`
 * whatever `@ai-sdk/provider` versions the app has, and this package's types
 * never name an old provider package.
 */
export type FallbackLanguageModel<MODEL> = SpecMembers<HighestSpecModel<MODEL>>;
