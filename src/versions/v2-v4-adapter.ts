import type { FallbackEntrySettings } from '../types';
import type { BaseCallOptions, BaseGenerateResult, SpecAdapter } from './adapter';
import { modelOfVersion } from './adapter';
import { applySettings } from './apply-settings';
import { prefillText } from './prefill-text';
import { preparePromptFor, producersOf } from './prepare-prompt';
import type { SpecVersion } from './spec-version';
import type { ResultSpec, StreamSpec } from './stream-spec';
import { intersectSupportedUrls, type SupportedUrls } from './supported-urls';

/** The shape V2, V3 and V4 models share: identity, `supportedUrls`, `doGenerate`, `doStream`. */
export interface DeltaModel<OPTIONS, RESULT, STREAM> {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: PromiseLike<SupportedUrls> | SupportedUrls;
  doGenerate(options: OPTIONS): PromiseLike<RESULT>;
  doStream(options: OPTIONS): PromiseLike<STREAM>;
}

/**
 * The adapter of V2, V3 and V4: the same model shape and call options (V4
 * alone has `reasoning`); they differ in stream and result shapes, which
 * `stream` covers.
 */
export function deltaSpecAdapter<
  MODEL extends DeltaModel<OPTIONS, RESULT, STREAM>,
  OPTIONS extends BaseCallOptions & { headers?: Record<string, string | undefined> },
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>({
  version,
  stream,
  result,
  unsupportedSettings,
}: {
  version: SpecVersion;
  stream: StreamSpec<PART>;
  result: ResultSpec<RESULT>;
  unsupportedSettings: readonly (keyof FallbackEntrySettings)[];
}): SpecAdapter<MODEL, OPTIONS, RESULT, PART, STREAM> {
  return {
    version,
    stream,
    result,
    unsupportedSettings,
    doGenerate: (model, options) => modelOfVersion<MODEL>(model, version).doGenerate(options),
    doStream: (model, options) => modelOfVersion<MODEL>(model, version).doStream(options),
    callOptions: (options, settings, abortSignal) => applySettings(options, settings, abortSignal),
    preparePrompt: preparePromptFor,
    producersOf,
    prefill: prefillText,
    createModel(entries, calls) {
      const primary = entries[0]!;
      let supportedUrls: Promise<SupportedUrls> | undefined;
      const model: DeltaModel<OPTIONS, RESULT, STREAM> = {
        specificationVersion: version,
        provider: primary.provider,
        modelId: primary.modelId,
        // Lazy: the AI SDK reads it only for prompts with URLs, and a provider may resolve it remotely.
        get supportedUrls() {
          supportedUrls ??= Promise.all(
            entries.map(entry =>
              Promise.resolve(modelOfVersion<MODEL>(entry.model, version).supportedUrls).catch(() => ({})),
            ),
          ).then(intersectSupportedUrls);
          return supportedUrls;
        },
        doGenerate: calls.doGenerate,
        doStream: calls.doStream,
      };
      // The object is this version's model; TypeScript cannot tie `version` to MODEL's literal.
      return model as MODEL;
    },
  };
}
