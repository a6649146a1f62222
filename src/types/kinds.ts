/**
 * What a chain's models do. `withFallback` detects it from the models' shape
 * (`doEmbed`, `doRerank`, `maxImagesPerCall`, `maxVideosPerCall`, a language
 * model's `doStream` and `supportedUrls`); speech and transcription models
 * share one shape (`doGenerate` alone), so their settings are checked against
 * both unless `kind` says which.
 */
export type FallbackModelKind = 'language' | 'embedding' | 'image' | 'reranking' | 'speech' | 'transcription' | 'video';

/** Settings every kind accepts: `providerOptions` and `headers` merge per key with the caller's. */
export interface FallbackKindSettingsBase {
  headers?: Record<string, string | undefined>;
  /** Per provider key: `{ openai: { … } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Per-entry settings of an embedding model. */
export interface FallbackEmbeddingSettings extends FallbackKindSettingsBase {
  /** The vectors' size, for models that can shorten them (AI SDK 7, V4 models). */
  dimensions?: number;
}

/** Per-entry settings of an image model (`n`, the number of images, is the caller's). */
export interface FallbackImageSettings extends FallbackKindSettingsBase {
  size?: `${number}x${number}`;
  aspectRatio?: `${number}:${number}`;
  seed?: number;
}

/** Per-entry settings of a speech model (the `text` is the caller's). */
export interface FallbackSpeechSettings extends FallbackKindSettingsBase {
  voice?: string;
  outputFormat?: string;
  instructions?: string;
  speed?: number;
  language?: string;
}

/** Per-entry settings of a transcription model (the audio is the caller's). */
export interface FallbackTranscriptionSettings extends FallbackKindSettingsBase {}

/** Per-entry settings of a reranking model (the documents, query and `topN` are the caller's). */
export interface FallbackRerankingSettings extends FallbackKindSettingsBase {}

/** Per-entry settings of a video model (`n` and the prompt are the caller's). */
export interface FallbackVideoSettings extends FallbackKindSettingsBase {
  aspectRatio?: `${number}:${number}` | 'adaptive';
  resolution?: `${number}x${number}`;
  duration?: number;
  fps?: number;
  seed?: number;
  generateAudio?: boolean;
}

/** The settings of any kind but language models. */
export type FallbackKindSettings =
  | FallbackEmbeddingSettings
  | FallbackImageSettings
  | FallbackSpeechSettings
  | FallbackTranscriptionSettings
  | FallbackRerankingSettings
  | FallbackVideoSettings;

// biome-ignore lint/suspicious/noExplicitAny: only the result's shape tells a speech model from a transcription model.
type Generates<RESULT> = { doGenerate(options: any): PromiseLike<RESULT> };

/** The settings type of an entry of `MODEL`, read from the model's shape. */
export type SettingsOf<MODEL, LANGUAGE> = MODEL extends { doEmbed: unknown }
  ? FallbackEmbeddingSettings
  : MODEL extends { doRerank: unknown }
    ? FallbackRerankingSettings
    : MODEL extends { maxImagesPerCall: unknown }
      ? FallbackImageSettings
      : MODEL extends { maxVideosPerCall: unknown }
        ? FallbackVideoSettings
        : MODEL extends Generates<{ audio: unknown }>
          ? FallbackSpeechSettings
          : MODEL extends Generates<{ segments: unknown }>
            ? FallbackTranscriptionSettings
            : LANGUAGE;

/** The options of `withFallback` about kinds of models (part of `FallbackConfig`). */
export interface FallbackKindOptions {
  /**
   * The kind of the chain's models, checked against what they are. Needed only
   * to tell a speech chain from a transcription chain (one shape), for their
   * settings; detected otherwise. See docs/beyond-chat.md.
   */
  kind?: FallbackModelKind;
  /**
   * Embedding chains: accept entries whose vectors differ in size. Default
   * false: the first call served with vectors of another size than an earlier
   * entry's is refused, as a silent switch corrupts a vector index.
   */
  allowMixedDimensions?: boolean;
}
