import type { FallbackModelKind } from '../../types';
import { rerankingSpec, speechSpec, transcriptionSpec } from './audio-rerank-specs';
import { embeddingSpec } from './embedding-spec';
import { imageSpec } from './image-spec';
import type { AnyKindSpec, KindCallOptions, KindVersion } from './kind-spec';
import type { DetectedKind } from './model-kind';
import { videoSpec } from './video-spec';

/** The spec of each kind besides language models. */
export const KIND_SPECS: Record<Exclude<FallbackModelKind, 'language'>, AnyKindSpec> = {
  embedding: embeddingSpec,
  image: imageSpec,
  reranking: rerankingSpec,
  speech: speechSpec,
  transcription: transcriptionSpec,
  video: videoSpec,
};

/**
 * The spec of a detected kind and, for speech or transcription unknown
 * (one shape), how to tell a call's spec from its options (speech is asked
 * for `text`, transcription given `audio`). Both run the same way; only the
 * call's `operation` in events differs.
 */
export function specOfKind(kind: Exclude<DetectedKind, 'language'>): {
  spec: AnyKindSpec;
  specOf?: (options: KindCallOptions) => AnyKindSpec;
} {
  if (kind !== 'audio') return { spec: KIND_SPECS[kind] };
  return { spec: speechSpec, specOf: options => ('text' in options ? speechSpec : transcriptionSpec) };
}

const VERSIONS: readonly KindVersion[] = ['v2', 'v3', 'v4'];

/**
 * The version of a chain of these models: the highest (older models are
 * lifted to it as that AI SDK major runs them). A version this package does
 * not serve for the kind is refused per entry when the entries are resolved.
 */
export function kindChainVersion(models: readonly { specificationVersion: string }[]): KindVersion {
  let highest: KindVersion = 'v2';
  for (const model of models) {
    const at = VERSIONS.indexOf(model.specificationVersion as KindVersion);
    if (at > VERSIONS.indexOf(highest)) highest = VERSIONS[at]!;
  }
  return highest;
}
