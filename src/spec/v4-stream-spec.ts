import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { NO_ERROR, type StreamSpec } from './stream-spec';

type Part = LanguageModelV4StreamPart;

/** The V4 (AI SDK 7) stream: output as the SDK itself defines it. */
export const v4StreamSpec: StreamSpec<Part> = {
  isOutput(part) {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-input-delta':
        return part.delta.length > 0;
      case 'tool-call':
      case 'file':
      case 'reasoning-file':
        return true;
      default:
        return false;
    }
  },
  errorOf: part => (part.type === 'error' ? part.error : NO_ERROR),
  isFinish: part => part.type === 'finish',
  finishedWithError: part => part.type === 'finish' && part.finishReason.unified === 'error',
  withMetadata(finish, metadata) {
    if (finish.type !== 'finish') return finish;
    return {
      ...finish,
      providerMetadata: { ...finish.providerMetadata, ...(metadata as NonNullable<typeof finish.providerMetadata>) },
    };
  },
  namesModel: part => part.type === 'response-metadata' && part.modelId !== undefined,
  modelPart: modelId => ({ type: 'response-metadata', modelId }),
  errorPart: error => ({ type: 'error', error }),
  errorFinishPart: metadata => ({
    type: 'finish',
    finishReason: { unified: 'error', raw: undefined },
    usage: {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    },
    providerMetadata: metadata as NonNullable<Extract<Part, { type: 'finish' }>['providerMetadata']>,
  }),
  textOf: part => (part.type === 'text-delta' ? part.delta : undefined),
  textBlockOf(part) {
    switch (part.type) {
      case 'text-start':
        return { id: part.id, phase: 'start' };
      case 'text-delta':
        return { id: part.id, phase: 'delta' };
      case 'text-end':
        return { id: part.id, phase: 'end' };
      default:
        return undefined;
    }
  },
  withTextBlock: (part, id) => ('id' in part && part.type.startsWith('text-') ? { ...part, id } : part),
};
