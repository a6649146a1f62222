import { APICallError, type LanguageModelV4CallOptions, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';

export const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** An API error as the provider packages throw it. */
export function apiError(
  statusCode: number,
  {
    message = `HTTP ${statusCode}`,
    headers,
    body,
  }: { message?: string; headers?: Record<string, string>; body?: unknown } = {},
): APICallError {
  return new APICallError({
    message,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: body === undefined ? undefined : JSON.stringify(body),
    data: body,
  });
}

export function generateResult(text: string, modelId?: string) {
  return {
    content: [{ type: 'text' as const, text }],
    finishReason: { unified: 'stop' as const, raw: 'stop' },
    usage,
    warnings: [],
    ...(modelId === undefined ? {} : { response: { modelId } }),
  };
}

/** A stream of parts, optionally failing at the end with a rejected read. */
export function partsStream(
  parts: LanguageModelV4StreamPart[],
  failWith?: unknown,
): ReadableStream<LanguageModelV4StreamPart> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < parts.length) controller.enqueue(parts[i++]!);
      else if (failWith !== undefined) controller.error(failWith);
      else controller.close();
    },
  });
}

export function textParts(text: string, { finish = true }: { finish?: boolean } = {}): LanguageModelV4StreamPart[] {
  const words = text.split(/(?<= )/);
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...words.map(delta => ({ type: 'text-delta' as const, id: 't', delta })),
    { type: 'text-end', id: 't' },
    ...(finish ? [{ type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage }] : []),
  ];
}

/** A stream that sends `text` without its end and finish, then fails as a cut connection does. */
export function cutStream(text: string, error: unknown = new TypeError('terminated')) {
  return partsStream(textParts(text, { finish: false }).slice(0, -1), error);
}

/** A model whose every stream is cut after `text`. */
export function cutModel(modelId: string, text: string) {
  return new MockLanguageModelV4({ modelId, doStream: async () => ({ stream: cutStream(text) }) });
}

type Behaviour = { text: string } | { error: unknown };

/**
 * A model whose successive calls follow `script` (then keep answering with
 * its own name). Works for generate and stream.
 */
export function scriptedModel(modelId: string, script: Behaviour[] = [], provider = 'mock') {
  const answer = `Answer from ${modelId}.`;
  let calls = 0;
  const next = (): Behaviour => script[calls++] ?? { text: answer };
  return new MockLanguageModelV4({
    provider,
    modelId,
    doGenerate: async () => {
      const step = next();
      if ('error' in step) throw step.error;
      return generateResult(step.text);
    },
    doStream: async () => {
      const step = next();
      if ('error' in step) throw step.error;
      return { stream: partsStream(textParts(step.text)) };
    },
  });
}

/** A model whose calls never answer; `aborted[i]` says whether call `i`'s abort signal fired. */
export function hangingModel(modelId: string) {
  const aborted: boolean[] = [];
  const hang = (options: LanguageModelV4CallOptions) =>
    new Promise<never>((_, reject) => {
      const index = aborted.push(false) - 1;
      options.abortSignal?.addEventListener('abort', () => {
        aborted[index] = true;
        reject(options.abortSignal!.reason);
      });
    });
  return { model: new MockLanguageModelV4({ modelId, doGenerate: hang, doStream: hang }), aborted };
}
