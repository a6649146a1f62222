import type {
  RerankingModelV4,
  RerankingModelV4CallOptions,
  RerankingModelV4Result,
  SpeechModelV4,
  SpeechModelV4CallOptions,
  SpeechModelV4Result,
  TranscriptionModelV4,
  TranscriptionModelV4CallOptions,
  TranscriptionModelV4Result,
} from '@ai-sdk/provider';
import { identity, type KindSpec, withRecord } from './kind-spec';

// Speech, transcription and reranking models: V4 (AI SDK 7) only, one call each, no capabilities to combine.
// A transcription chain has no `doStream` (streaming transcription is a live session, not one request)
// and no `doGenerateFromUrl`: the AI SDK downloads a URL and calls `doGenerate`, so every entry can answer.

// What the three share: V4 models used as they are, no settings refused beyond the kind's schema.
const ONE_V4_CALL = {
  versions: ['v4'],
  unsupportedSettings: () => [],
  normalize: <MODEL>(model: MODEL) => model,
  withMetadata: withRecord,
} as const;

export const speechSpec: KindSpec<SpeechModelV4, SpeechModelV4CallOptions, SpeechModelV4Result> = {
  kind: 'speech',
  operation: 'speech',
  ...ONE_V4_CALL,
  call: (model, options) => model.doGenerate(options),
  createModel: (entries, version, call) => ({ ...identity(entries, version), doGenerate: call }),
};

export const transcriptionSpec: KindSpec<
  TranscriptionModelV4,
  TranscriptionModelV4CallOptions,
  TranscriptionModelV4Result
> = {
  kind: 'transcription',
  operation: 'transcribe',
  ...ONE_V4_CALL,
  call: (model, options) => model.doGenerate(options),
  createModel: (entries, version, call) => ({ ...identity(entries, version), doGenerate: call }),
};

export const rerankingSpec: KindSpec<RerankingModelV4, RerankingModelV4CallOptions, RerankingModelV4Result> = {
  kind: 'reranking',
  operation: 'rerank',
  ...ONE_V4_CALL,
  call: (model, options) => model.doRerank(options),
  createModel: (entries, version, call) => ({ ...identity(entries, version), doRerank: call }),
};
