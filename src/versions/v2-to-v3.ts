import type {
  LanguageModelV2,
  LanguageModelV2CallWarning,
  LanguageModelV2FinishReason,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  LanguageModelV3,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider';

/**
 * A V2 (AI SDK 5) model seen as V3 (AI SDK 6), for a chain that mixes the
 * two. The call options and content are compatible; what V3 changed is the
 * finish reason (`{ unified, raw }`), the usage (split by token kind) and the
 * warnings, which this converts on results and on the stream's parts, as
 * `ai@6` does for a V2 model. Done here so an `ai@5`/`ai@6` app needs nothing
 * from `ai@7`.
 */
export function v2ToV3(model: LanguageModelV2): LanguageModelV3 {
  return new Proxy(model, {
    get(target, property, receiver) {
      switch (property) {
        case 'specificationVersion':
          return 'v3';
        case 'doGenerate':
          return async (options: Parameters<LanguageModelV3['doGenerate']>[0]) => {
            const result = await target.doGenerate(options as Parameters<LanguageModelV2['doGenerate']>[0]);
            return {
              ...result,
              finishReason: finishReasonV3(result.finishReason),
              usage: usageV3(result.usage),
              warnings: result.warnings.map(warningV3),
            } as LanguageModelV3GenerateResult;
          };
        case 'doStream':
          return async (options: Parameters<LanguageModelV3['doStream']>[0]) => {
            const result = await target.doStream(options as Parameters<LanguageModelV2['doStream']>[0]);
            return { ...result, stream: result.stream.pipeThrough(partsV3()) };
          };
        default:
          return Reflect.get(target, property, receiver);
      }
    },
  }) as unknown as LanguageModelV3;
}

function partsV3(): TransformStream<LanguageModelV2StreamPart, LanguageModelV3StreamPart> {
  return new TransformStream({
    transform(part, controller) {
      switch (part.type) {
        case 'finish':
          controller.enqueue({ ...part, finishReason: finishReasonV3(part.finishReason), usage: usageV3(part.usage) });
          break;
        case 'stream-start':
          controller.enqueue({ ...part, warnings: part.warnings.map(warningV3) });
          break;
        default:
          // Every other V2 part has the same shape in V3.
          controller.enqueue(part as LanguageModelV3StreamPart);
      }
    },
  });
}

function finishReasonV3(reason: LanguageModelV2FinishReason): LanguageModelV3FinishReason {
  return { unified: reason === 'unknown' ? 'other' : reason, raw: undefined };
}

function usageV3(usage: LanguageModelV2Usage): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: undefined,
      cacheRead: usage.cachedInputTokens,
      cacheWrite: undefined,
    },
    outputTokens: { total: usage.outputTokens, text: undefined, reasoning: usage.reasoningTokens },
    ...(usage.totalTokens === undefined ? {} : { raw: { totalTokens: usage.totalTokens } }),
  };
}

function warningV3(warning: LanguageModelV2CallWarning): SharedV3Warning {
  switch (warning.type) {
    case 'unsupported-setting':
      return { type: 'unsupported', feature: String(warning.setting), details: warning.details };
    case 'unsupported-tool':
      return { type: 'unsupported', feature: `tool ${warning.tool.name}`, details: warning.details };
    default:
      return warning;
  }
}
