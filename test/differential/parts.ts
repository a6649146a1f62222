import {
  APICallError,
  type LanguageModelV4Content,
  type LanguageModelV4FinishReason,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
  type LanguageModelV4Usage,
} from '@ai-sdk/provider';

/** 8 input + 5 output = 13 tokens: the usage a failed call may still bill. */
export const usage13: LanguageModelV4Usage = {
  inputTokens: { total: 8, noCache: 8, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A finish that reports no usage at all. */
export const noUsage: LanguageModelV4Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

export function apiError(statusCode: number, message = `HTTP ${statusCode}`): APICallError {
  return new APICallError({
    message,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: statusCode === 429 ? { 'retry-after-ms': '0' } : {},
    responseBody: JSON.stringify({ error: { message } }),
  });
}

export const start: LanguageModelV4StreamPart = {
  type: 'stream-start',
  warnings: [{ type: 'unsupported', feature: 'topK' }],
};

export const meta = {
  type: 'response-metadata',
  id: 'resp-1',
  modelId: 'mock-model-2026',
  timestamp: new Date('2026-01-02T03:04:05.000Z'),
} satisfies LanguageModelV4StreamPart;

/** The response-metadata of an attempt that fails: it must not reach the consumer of a fallback. */
export const failedMeta = {
  type: 'response-metadata',
  id: 'resp-failed',
  modelId: 'failing-model-2026',
  timestamp: new Date('2026-01-02T00:00:00.000Z'),
} satisfies LanguageModelV4StreamPart;

/** A text block: start, one delta per piece, end. */
export function text(id: string, ...pieces: string[]): LanguageModelV4StreamPart[] {
  return [
    { type: 'text-start', id },
    ...pieces.map(delta => ({ type: 'text-delta' as const, id, delta })),
    { type: 'text-end', id },
  ];
}

/** A text block left open: start and deltas only. */
export function openText(id: string, ...pieces: string[]): LanguageModelV4StreamPart[] {
  return text(id, ...pieces).slice(0, -1);
}

export function finish(
  unified: LanguageModelV4FinishReason['unified'],
  raw: string | undefined,
  usage: LanguageModelV4Usage = usage13,
  providerMetadata?: Record<string, Record<string, string>>,
): LanguageModelV4StreamPart {
  return {
    type: 'finish',
    finishReason: { unified, raw },
    usage,
    ...(providerMetadata === undefined ? {} : { providerMetadata }),
  };
}

export const errorPart = (error: unknown): LanguageModelV4StreamPart => ({ type: 'error', error });

/** A `doGenerate` answer. */
export function generated(
  content: LanguageModelV4Content[],
  unified: LanguageModelV4FinishReason['unified'] = 'stop',
  {
    raw = unified as string | undefined,
    usage = usage13,
    failed = false,
  }: { raw?: string; usage?: LanguageModelV4Usage; failed?: boolean } = {},
): { result: LanguageModelV4GenerateResult } {
  const response = failed ? failedMeta : meta;
  return {
    result: {
      content,
      finishReason: { unified, raw },
      usage,
      warnings: [{ type: 'unsupported', feature: 'topK' }],
      providerMetadata: { mock: { requestId: failed ? 'req-failed' : 'req-1' } },
      response: { id: response.id, modelId: response.modelId, timestamp: response.timestamp },
    },
  };
}

export const weatherCall = {
  type: 'tool-call' as const,
  toolCallId: 'call-1',
  toolName: 'weather',
  input: '{"city":"Paris"}',
};

export const toolInput: LanguageModelV4StreamPart[] = [
  { type: 'tool-input-start', id: 'call-1', toolName: 'weather' },
  { type: 'tool-input-delta', id: 'call-1', delta: '{"city":' },
  { type: 'tool-input-delta', id: 'call-1', delta: '"Paris"}' },
  { type: 'tool-input-end', id: 'call-1' },
  weatherCall,
];
