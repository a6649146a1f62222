import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** The call options every in-memory benchmark sends: one short user message. */
export const callOptions: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
};

/**
 * A text stream of `textParts` one-character deltas between the usual
 * framing parts. Parts are produced on demand, one per pull, as a provider's
 * parser produces them from the wire: nothing is buffered ahead of the reader.
 */
export function textStream(textParts: number): ReadableStream<LanguageModelV4StreamPart> {
  let sent = 0;
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings: [] });
      controller.enqueue({ type: 'response-metadata', id: 'r', modelId: 'bench', timestamp: new Date(0) });
      controller.enqueue({ type: 'text-start', id: 't' });
    },
    pull(controller) {
      if (sent < textParts) {
        sent++;
        controller.enqueue({ type: 'text-delta', id: 't', delta: 'x' });
        return;
      }
      controller.enqueue({ type: 'text-end', id: 't' });
      controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
      controller.close();
    },
  });
}

/**
 * An in-memory `MockLanguageModelV4` that answers at once: `doGenerate` with a
 * short text, `doStream` with {@link textStream}. The mock records every call;
 * the record is cleared on each call so 100,000 calls measure the wrapper,
 * not the mock's history.
 */
export function inMemoryModel(
  modelId: string,
  { streamParts = 5 }: { streamParts?: number } = {},
): MockLanguageModelV4 {
  const model: MockLanguageModelV4 = new MockLanguageModelV4({
    provider: 'bench',
    modelId,
    doGenerate: async () => {
      model.doGenerateCalls.length = 0;
      return {
        content: [{ type: 'text', text: 'Hello back.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      };
    },
    doStream: async () => {
      model.doStreamCalls.length = 0;
      return { stream: textStream(streamParts) };
    },
  });
  return model;
}

/**
 * The barest model the spec allows: a plain object whose `doGenerate`
 * resolves at once with a fresh result (a wrapper may annotate what it gets,
 * so results are not shared between calls) and whose `doStream` resolves
 * with {@link textStream}. No call recording, no validation: calling it
 * directly costs next to nothing, so a wrapper's own cost per call shows.
 */
export function bareModel(modelId: string, { streamParts = 5 }: { streamParts?: number } = {}): LanguageModelV4 {
  return {
    specificationVersion: 'v4',
    provider: 'bench',
    modelId,
    supportedUrls: {},
    doGenerate: () =>
      Promise.resolve<LanguageModelV4GenerateResult>({
        content: [{ type: 'text', text: 'Hello back.' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      }),
    doStream: () => Promise.resolve({ stream: textStream(streamParts) }),
  };
}
