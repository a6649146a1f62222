import type { LanguageModelV2StreamPart, LanguageModelV3StreamPart, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { FallbackUsage } from '../types';
import { withPartTag } from './part-tag';
import { type AnswerPiece, streamResult } from './stream-result';
import { knownUsage, NO_ERROR, type StreamSpec } from './stream-spec';

/** Stream parts of the specs that send text in `id`-ed blocks of `delta`s (V2, V3, V4). */
export type DeltaStreamPart = LanguageModelV2StreamPart | LanguageModelV3StreamPart | LanguageModelV4StreamPart;

type FinishOf<PART> = Extract<PART, { type: 'finish' }>;

/** What differs between the delta specs: the shapes of a finish reason and of usage. */
export interface DeltaFinish<PART extends DeltaStreamPart> {
  reason(finishReason: FinishOf<PART>['finishReason']): string | undefined;
  usage(usage: FinishOf<PART>['usage']): FallbackUsage | undefined;
  errorReason: FinishOf<PART>['finishReason'];
  unknownUsage: FinishOf<PART>['usage'];
}

type SplitUsage = { inputTokens: { total?: number }; outputTokens: { total?: number } };

/** The finish of V3 and V4: `{ unified, raw }` reasons, usage split by token kind. */
export const UNIFIED_FINISH = {
  // Anthropic's `refusal` stop reason is a refusal whatever a provider package maps it to.
  reason: (reason: { unified: string; raw?: string } | undefined) =>
    reason?.raw === 'refusal' ? 'content-filter' : reason?.unified,
  usage: (usage: SplitUsage | undefined) => knownUsage(usage?.inputTokens?.total, usage?.outputTokens?.total),
  errorReason: { unified: 'error' as const, raw: undefined },
  unknownUsage: {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  },
};

// The casts below re-type parts built from a part of the same union: a spread
// of a generic part is not known to TypeScript to stay a member of it.

/**
 * The stream spec of V2, V3 and V4: output is a non-empty text, reasoning or
 * tool-input delta, a tool call or a file (V4 also a reasoning file), as the
 * AI SDK itself counts it.
 */
export function deltaStreamSpec<PART extends DeltaStreamPart>(finish: DeltaFinish<PART>): StreamSpec<PART> {
  return {
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
    isContent: part => part.type === 'source' || part.type === 'tool-result',
    errorOf: part => (part.type === 'error' ? part.error : NO_ERROR),
    isFinish: part => part.type === 'finish',
    finishReasonOf: part => (part.type === 'finish' ? finish.reason(part.finishReason) : undefined),
    usageOf: part => (part.type === 'finish' ? finish.usage(part.usage) : undefined),
    withMetadata(part, metadata) {
      if (part.type !== 'finish') return part;
      return { ...part, providerMetadata: { ...part.providerMetadata, ...metadata } } as PART;
    },
    withTag: withPartTag,
    withError: (part, error) => (part.type === 'error' ? ({ ...part, error } as PART) : part),
    leadsStream: part => part.type === 'stream-start',
    namesModel: part => part.type === 'response-metadata' && part.modelId !== undefined,
    isResponseMetadata: part => part.type === 'response-metadata',
    modelPart: modelId => ({ type: 'response-metadata', modelId }) as PART,
    errorPart: error => ({ type: 'error', error }) as PART,
    errorFinishPart: metadata =>
      ({
        type: 'finish',
        finishReason: finish.errorReason,
        usage: finish.unknownUsage,
        providerMetadata: metadata,
      }) as PART,
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
    withTextBlock: (part, id) => (part.type.startsWith('text-') && 'id' in part ? ({ ...part, id } as PART) : part),
    resultOf: parts =>
      streamResult(parts, (part): AnswerPiece => {
        switch (part.type) {
          case 'text-delta':
            return { text: part.delta };
          case 'reasoning-delta':
            return { reasoning: part.delta };
          case 'tool-call':
          case 'tool-result':
          case 'file':
          case 'reasoning-file':
          case 'source':
            return { content: part };
          case 'finish':
            return {
              finishReason: finish.reason(part.finishReason),
              usage: finish.usage(part.usage),
              providerMetadata: part.providerMetadata,
            };
          default:
            return undefined;
        }
      }),
  };
}
