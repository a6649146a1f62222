import type { HighestSpecModel } from '../fallback-language-model';

type Members<MODEL, NAMES extends PropertyKey> = Pick<MODEL, Extract<keyof MODEL, NAMES>>;
type Identity = 'specificationVersion' | 'provider' | 'modelId';

// The models `withFallback` returns for the other kinds, with the member types of the caller's own
// `@ai-sdk/provider` (taken from the models passed in), like `FallbackLanguageModel`: so the result
// assigns to that AI SDK major's `embed`, `generateImage`, … whatever provider versions the app has.

/** An embedding chain: the highest spec version among its models (V2, V3, V4). */
export type FallbackEmbeddingModel<MODEL> = Members<
  HighestSpecModel<MODEL>,
  Identity | 'maxEmbeddingsPerCall' | 'supportsParallelCalls' | 'doEmbed'
>;

/** An image chain: the highest spec version among its models (V2, V3, V4). */
export type FallbackImageModel<MODEL> = Members<
  HighestSpecModel<MODEL>,
  Identity | 'maxImagesPerCall' | 'supportsFileInputs' | 'supportsMaskInputs' | 'doGenerate'
>;

/** A speech or transcription chain (V4): one `doGenerate`. */
export type FallbackAudioModel<MODEL> = Members<MODEL, Identity | 'doGenerate'>;

/** A reranking chain (V4). */
export type FallbackRerankingModel<MODEL> = Members<MODEL, Identity | 'doRerank'>;

/** A video chain (V4): `doGenerate`, never `doStart`/`doStatus`. */
export type FallbackVideoModel<MODEL> = Members<MODEL, Identity | 'maxVideosPerCall' | 'doGenerate'>;
