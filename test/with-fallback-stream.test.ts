import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { FallbackExhaustedError, type FallbackMetadata, withFallback } from '../src/index';
import { apiError, partsStream, scriptedModel, textParts, usage } from './helpers/mock-models';

function streamingModel(modelId: string, streams: (() => ReadableStream<LanguageModelV4StreamPart>)[]) {
  let call = 0;
  return new MockLanguageModelV4({
    modelId,
    doStream: async () => ({
      stream: (streams[call++] ?? (() => partsStream(textParts(`Answer from ${modelId}.`))))(),
    }),
  });
}

async function run(model: ReturnType<typeof withFallback>, abortSignal?: AbortSignal) {
  const errors: unknown[] = [];
  const result = streamText({
    model,
    prompt: 'hi',
    maxRetries: 0,
    abortSignal,
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  const parts: string[] = [];
  for await (const part of result.fullStream) parts.push(part.type);
  return { result, parts, errors, text: await Promise.resolve(result.text).catch(() => undefined) };
}

const errorPart = (error: unknown): LanguageModelV4StreamPart => ({ type: 'error', error });

/** What a `streamText` caller sees of a model, in one comparable shape. */
async function observe(model: Parameters<typeof streamText>[0]['model']) {
  const errors: string[] = [];
  const result = streamText({
    model,
    prompt: 'hi',
    maxRetries: 0,
    onError: ({ error }) => {
      errors.push((error as Error).message);
    },
  });
  const parts: string[] = [];
  let thrown: string | undefined;
  try {
    for await (const part of result.fullStream) parts.push(part.type);
  } catch (error) {
    thrown = String(error);
  }
  const settle = <T>(promise: PromiseLike<T>) => Promise.resolve(promise).catch(() => undefined);
  const usage = await settle(result.totalUsage);
  return {
    parts,
    errors,
    thrown,
    text: await settle(result.text),
    finishReason: await settle(result.finishReason),
    usage,
  };
}

describe('withFallback: streamText', () => {
  it('falls back on an error part before any output, showing nothing of the failed attempt', async () => {
    const primary = streamingModel('primary', [
      () =>
        partsStream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: '' },
          errorPart({ code: 502, message: 'Provider returned error' }),
        ]),
    ]);
    const { text, parts, result } = await run(
      withFallback([primary, streamingModel('backup', [])], { maxRetriesPerModel: 0 }),
    );
    expect(text).toBe('Answer from backup.');
    expect(parts.filter(p => p === 'start')).toHaveLength(1);
    expect(parts).not.toContain('error');
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(metadata.servedBy.modelId).toBe('backup');
    expect(metadata.caught[0]).toMatchObject({ type: 'provider-unavailable', statusCode: 502 });
    expect((await result.response).modelId).toBe('backup');
  });

  it('falls back when doStream rejects, when the read rejects, and when the stream finishes with error and no output', async () => {
    const finishError: LanguageModelV4StreamPart = {
      type: 'finish',
      finishReason: { unified: 'error', raw: undefined },
      usage,
    };
    const a = new MockLanguageModelV4({
      modelId: 'a',
      doStream: async () => {
        throw apiError(503);
      },
    });
    const b = streamingModel('b', [
      () => partsStream([{ type: 'stream-start', warnings: [] }], new TypeError('terminated')),
    ]);
    const c = streamingModel('c', [() => partsStream([{ type: 'stream-start', warnings: [] }, finishError])]);
    const d = streamingModel('d', []);
    const { text, result } = await run(withFallback([a, b, c, d], { maxRetriesPerModel: 0 }));
    expect(text).toBe('Answer from d.');
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(metadata.caught.map(c => `${c.modelId}:${c.type}`)).toEqual([
      'a:provider-unavailable',
      'b:network',
      // An answer that finishes with no output at all is an empty response, whatever its finish reason.
      'c:empty-response',
    ]);
  });

  it('after commit a read that rejects errors the stream as the bare model does: never a second model spliced in', async () => {
    const backup = streamingModel('backup', []);
    const cut = () =>
      partsStream(textParts('Partial answer ', { finish: false }).slice(0, 3), new TypeError('terminated'));
    const bare = await observe(streamingModel('bare', [cut]));
    const wrapped = await observe(withFallback([streamingModel('primary', [cut]), backup]));
    expect(wrapped).toEqual(bare);
    expect(wrapped.thrown).toBe('TypeError: terminated');
    expect(backup.doStreamCalls).toHaveLength(0);
  });

  it("after commit forwards the provider's error part and everything after it, as the bare model does", async () => {
    const parts = () =>
      partsStream([
        ...textParts('Half ', { finish: false }).slice(0, 3),
        errorPart({ message: 'server_error' }),
        { type: 'text-delta', id: 't', delta: 'and the rest' },
        { type: 'finish', finishReason: { unified: 'error', raw: 'server_error' }, usage },
      ]);
    const backup = streamingModel('backup', []);
    const bare = await observe(streamingModel('bare', [parts]));
    const wrapped = await observe(withFallback([streamingModel('primary', [parts]), backup]));
    expect(wrapped).toEqual(bare);
    expect(wrapped.errors).toEqual(['server_error']);
    expect(wrapped.usage?.outputTokens).toBe(usage.outputTokens.total);
    expect(backup.doStreamCalls).toHaveLength(0);
  });

  it('puts providerMetadata.fallback on the finish part of a healthy stream', async () => {
    const { result, text } = await run(withFallback([streamingModel('primary', [])]));
    expect(text).toBe('Answer from primary.');
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(metadata).toEqual({
      servedBy: { index: 0, id: 'mock-provider:primary', provider: 'mock-provider', modelId: 'primary' },
      attempts: 1,
      caught: [],
      totalUsage: { inputTokens: usage.inputTokens.total, outputTokens: usage.outputTokens.total },
    });
  });

  it('rejects with FallbackExhaustedError when every model fails before commit', async () => {
    const failing = (id: string) =>
      streamingModel(id, [() => partsStream([errorPart({ code: 'server_error', message: 'boom' })])]);
    const { errors } = await run(withFallback([failing('a'), failing('b')], { maxRetriesPerModel: 0 }));
    expect(errors).toHaveLength(1);
    expect(FallbackExhaustedError.isInstance(errors[0])).toBe(true);
    expect((errors[0] as FallbackExhaustedError).attempts.map(a => a.modelId)).toEqual(['a', 'b']);
  });

  it('cancels the inner stream when the consumer cancels, and starts no further attempt', async () => {
    let cancelled: unknown;
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of textParts('Still going ', { finish: false })) controller.enqueue(part);
          },
          cancel(reason) {
            cancelled = reason ?? 'cancelled';
          },
        }),
      }),
    });
    const backup = scriptedModel('backup');
    const model = withFallback([primary, backup]);
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel('consumer left');
    expect(cancelled).toBe('consumer left');
    expect(backup.doStreamCalls).toHaveLength(0);
  });

  it("errors with the caller's reason on abort after commit, without falling back", async () => {
    const controller = new AbortController();
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(c) {
            for (const part of textParts('Still going ', { finish: false })) c.enqueue(part);
          },
        }),
      }),
    });
    const backup = scriptedModel('backup');
    const { stream } = await withFallback([primary, backup]).doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.value?.type).toBe('stream-start');
    controller.abort(new Error('stop pressed'));
    await expect(
      (async () => {
        for (;;) {
          const r = await reader.read();
          if (r.done) return;
        }
      })(),
    ).rejects.toThrow('stop pressed');
    expect(backup.doStreamCalls).toHaveLength(0);
  });
});
