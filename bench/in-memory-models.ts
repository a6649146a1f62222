import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
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
