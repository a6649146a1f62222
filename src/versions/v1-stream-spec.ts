import { streamResult } from './stream-result';
import { knownUsage, NO_ERROR, type StreamSpec } from './stream-spec';
import type { LanguageModelV1StreamPart } from './v1-types';

type Part = LanguageModelV1StreamPart;

/**
 * The V1 (AI SDK 4) stream: deltas carry `textDelta`, sources and files are
 * output as well, there is no `stream-start` and no text block ids, finish
 * reasons are strings and unknown usage is `NaN` (as V1 providers send it).
 */
export const v1StreamSpec: StreamSpec<Part> = {
  isOutput(part) {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning':
        return part.textDelta.length > 0;
      case 'tool-call-delta':
        return part.argsTextDelta.length > 0;
      case 'tool-call':
      case 'source':
      case 'file':
        return true;
      default:
        return false;
    }
  },
  // V1 counts sources as output already.
  isContent: () => false,
  errorOf: part => (part.type === 'error' ? part.error : NO_ERROR),
  isFinish: part => part.type === 'finish',
  finishReasonOf: part => (part.type === 'finish' ? part.finishReason : undefined),
  usageOf: part =>
    part.type === 'finish' ? knownUsage(part.usage?.promptTokens, part.usage?.completionTokens) : undefined,
  withMetadata(part, metadata) {
    if (part.type !== 'finish') return part;
    return {
      ...part,
      providerMetadata: { ...part.providerMetadata, ...(metadata as Record<string, Record<string, unknown>>) },
    };
  },
  // V1 parts have no provider metadata of their own: nothing to tag.
  withTag: part => part,
  withError: (part, error) => (part.type === 'error' ? { ...part, error } : part),
  leadsStream: () => false,
  namesModel: part => part.type === 'response-metadata' && part.modelId !== undefined,
  isResponseMetadata: part => part.type === 'response-metadata',
  modelPart: modelId => ({ type: 'response-metadata', modelId }),
  errorPart: error => ({ type: 'error', error }),
  errorFinishPart: metadata => ({
    type: 'finish',
    finishReason: 'error',
    usage: { promptTokens: Number.NaN, completionTokens: Number.NaN },
    providerMetadata: metadata as Record<string, Record<string, unknown>>,
  }),
  textOf: part => (part.type === 'text-delta' ? part.textDelta : undefined),
  // V1 text is one implicit block: nothing to track or rename.
  textBlockOf: () => undefined,
  withTextBlock: part => part,
  resultOf: parts =>
    streamResult(parts, part => {
      switch (part.type) {
        case 'text-delta':
          return { text: part.textDelta };
        case 'reasoning':
          return { reasoning: part.textDelta };
        case 'tool-call':
        case 'file':
          return { content: part };
        case 'source':
          return { content: { ...part.source, type: 'source' } };
        case 'finish':
          return {
            finishReason: part.finishReason,
            usage: v1StreamSpec.usageOf(part),
            providerMetadata: part.providerMetadata,
          };
        default:
          return undefined;
      }
    }),
};
