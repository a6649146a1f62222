import type { FallbackEntrySettings } from '../types';
import type { ChainModel } from './chain-model';
import type { SpecVersion } from './spec-version';
import type { ResultSpec, StreamSpec } from './stream-spec';

/** The call option fields the engine reads, in every spec version. */
export interface BaseCallOptions {
  prompt: unknown[];
  abortSignal?: AbortSignal;
}

/** The generate result fields the engine writes, in every spec version. */
export interface BaseGenerateResult {
  providerMetadata?: Record<string, unknown>;
  response?: { modelId?: string };
}

/** What building the chain's model reads of each entry. */
export interface ModelEntry {
  readonly provider: string;
  readonly modelId: string;
  readonly model: ChainModel;
}

/** The engine's calls, as the model a chain returns exposes them. */
export interface ChainCalls<OPTIONS, RESULT, STREAM> {
  doGenerate(options: OPTIONS): Promise<RESULT>;
  doStream(options: OPTIONS): Promise<STREAM>;
}

/**
 * Everything that differs between spec versions outside the stream, so one
 * engine (retries, classification, timeouts, health, events, exhaustion)
 * serves them all: how an entry's model is called, how entry settings map to
 * the version's call options, how a continuation's prefill is written, and
 * the shape of the model the chain returns.
 */
export interface SpecAdapter<
  MODEL,
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
> {
  readonly version: SpecVersion;
  readonly stream: StreamSpec<PART>;
  readonly result: ResultSpec<RESULT>;
  /** Entry settings this version has no call option for; refused when the chain is built. */
  readonly unsupportedSettings: readonly (keyof FallbackEntrySettings)[];
  doGenerate(model: ChainModel, options: OPTIONS): PromiseLike<RESULT>;
  doStream(model: ChainModel, options: OPTIONS): PromiseLike<STREAM>;
  /** The options one entry receives: its settings over the caller's, and the attempt's signal. */
  callOptions(options: OPTIONS, settings: FallbackEntrySettings | undefined, abortSignal: AbortSignal): OPTIONS;
  /** The prompt as entry `to` may receive it: parts another entry produced lose their provider references. */
  preparePrompt(prompt: OPTIONS['prompt'], to: string): OPTIONS['prompt'];
  /** The ids of the entries that produced the prompt's tagged parts, in order of first appearance. */
  producersOf(prompt: OPTIONS['prompt']): string[];
  /** The options with `text` appended as the assistant's unfinished answer. */
  prefill(options: OPTIONS, text: string): OPTIONS;
  /** The model `withFallback` returns: the primary's identity, capabilities every entry has, `calls` for the work. */
  createModel(entries: readonly ModelEntry[], calls: ChainCalls<OPTIONS, RESULT, STREAM>): MODEL;
}

/** An adapter of any version, for code that only passes it on. */
// biome-ignore lint/suspicious/noExplicitAny: the variance of each version's types is irrelevant where adapters are only passed through.
export type AnySpecAdapter = SpecAdapter<any, any, any, any, any>;

/** The entry's model, checked to be of the chain's version (resolving the entries guarantees it). */
export function modelOfVersion<MODEL>(model: ChainModel, version: SpecVersion): MODEL {
  if (model.specificationVersion !== version) {
    throw new TypeError(
      `ai-sdk-fallback: internal error: a '${model.specificationVersion}' model in a '${version}' chain`,
    );
  }
  return model as MODEL;
}
