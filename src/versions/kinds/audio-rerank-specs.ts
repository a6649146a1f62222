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

const V4_ONLY = ['v4'] as const;
const none = () => [];
const same = <MODEL>(model: MODEL) => model;

export const speechSpec: KindSpec<SpeechModelV4, SpeechModelV4CallOptions, SpeechModelV4Result> = {
  kind: 'speech',
  operation: 'speech',
  versions: V4_ONLY,
  unsupportedSettings: none,
  normalize: same,
  call: (model, options) => model.doGenerate(options),
  withMetadata: withRecord,
  createModel: (entries, version, call) => ({ ...identity(entries, version), doGenerate: call }),
};

export const transcriptionSpec: KindSpec<
  TranscriptionModelV4,
  TranscriptionModelV4CallOptions,
  TranscriptionModelV4Result
> = {
  kind: 'transcription',
  operation: 'transcribe',
  versions: V4_ONLY,
  unsupportedSettings: none,
  normalize: same,
  call: (model, options) => model.doGenerate(options),
  withMetadata: withRecord,
  createModel: (entries, version, call) => ({ ...identity(entries, version), doGenerate: call }),
};

export const rerankingSpec: KindSpec<RerankingModelV4, RerankingModelV4CallOptions, RerankingModelV4Result> = {
  kind: 'reranking',
  operation: 'rerank',
  versions: V4_ONLY,
  unsupportedSettings: none,
  normalize: same,
  call: (model, options) => model.doRerank(options),
  withMetadata: withRecord,
  createModel: (entries, version, call) => ({ ...identity(entries, version), doRerank: call }),
};
