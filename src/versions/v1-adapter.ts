import { modelOfVersion, type SpecAdapter } from './adapter';
import { applySettings } from './apply-settings';
import { prefillText } from './prefill-text';
import { v1ResultSpec } from './result-specs';
import { v1StreamSpec } from './v1-stream-spec';
import type {
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1GenerateResult,
  LanguageModelV1StreamPart,
  LanguageModelV1StreamResult,
} from './v1-types';

/**
 * LanguageModelV1 (AI SDK 4): `maxTokens` for `maxOutputTokens`,
 * `providerMetadata` for `providerOptions`, and instead of `supportedUrls`
 * the flags `supportsUrl`, `supportsImageUrls`, `supportsStructuredOutputs`
 * and `defaultObjectGenerationMode`, which the chain claims only as far as
 * every entry does.
 */
export const v1Adapter: SpecAdapter<
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1GenerateResult,
  LanguageModelV1StreamPart,
  LanguageModelV1StreamResult
> = {
  version: 'v1',
  stream: v1StreamSpec,
  result: v1ResultSpec,
  unsupportedSettings: ['reasoning'],
  doGenerate: (model, options) => modelOfVersion<LanguageModelV1>(model, 'v1').doGenerate(options),
  doStream: (model, options) => modelOfVersion<LanguageModelV1>(model, 'v1').doStream(options),
  callOptions: (options, settings, abortSignal) =>
    applySettings(options, settings, abortSignal, {
      maxOutputTokens: 'maxTokens',
      providerOptions: 'providerMetadata',
    }),
  // AI SDK 4 keeps no provider metadata per result part, so a V1 history is never tagged.
  preparePrompt: prompt => prompt,
  producersOf: () => [],
  prefill: prefillText,
  createModel(entries, calls) {
    const primary = entries[0]!;
    const models = entries.map(entry => modelOfVersion<LanguageModelV1>(entry.model, 'v1'));
    const supportsUrl = models.every(model => typeof model.supportsUrl === 'function')
      ? { supportsUrl: (url: URL) => models.every(model => model.supportsUrl!(url)) }
      : {};
    return {
      specificationVersion: 'v1',
      provider: primary.provider,
      modelId: primary.modelId,
      defaultObjectGenerationMode: commonObjectMode(models),
      supportsImageUrls: models.every(model => model.supportsImageUrls ?? true),
      supportsStructuredOutputs: models.every(model => model.supportsStructuredOutputs === true),
      ...supportsUrl,
      doGenerate: calls.doGenerate,
      doStream: calls.doStream,
    };
  },
};

/**
 * The object generation mode every entry can serve: theirs when they agree;
 * `'tool'` when they differ (tool calling is the mode every tool-capable V1
 * provider implements, native JSON mode is not); none when one has none.
 */
function commonObjectMode(models: readonly LanguageModelV1[]): LanguageModelV1['defaultObjectGenerationMode'] {
  const modes = new Set(models.map(model => model.defaultObjectGenerationMode));
  if (modes.has(undefined)) return undefined;
  return modes.size === 1 ? [...modes][0] : 'tool';
}
