import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FallbackExhaustedError, type FallbackMetadata, FallbackTimeoutError, withFallback } from '../src/index';
import { apiError, cutStream, hangingModel, partsStream, scriptedModel, textParts } from './helpers/mock-models';

/** A stream that sends `parts`, then stays silent until cancelled. */
function stallingStream(parts: LanguageModelV4StreamPart[]) {
  const state = { cancelled: false };
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** What the consumer saw: the text shown, and the errors (error parts, or the error the stream ended with, as a bare stream's rejected read does). */
async function collect(result: ReturnType<typeof streamText>) {
  const errors: unknown[] = [];
  let shown = '';
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'error') errors.push(part.error);
      if (part.type === 'text-delta') shown += part.text;
    }
  } catch (error) {
    errors.push(error);
  }
  return { errors, text: await Promise.resolve(result.text).catch(() => shown) };
}

/** Streams 'hi' through a chain, consuming it as an app would; `done` settles with the text and errors. */
function streamChain(...args: Parameters<typeof withFallback>) {
  const result = streamText({ model: withFallback(...args), prompt: 'hi', maxRetries: 0, onError: () => {} });
  return { result, done: collect(result) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('timeouts', () => {
  it('moves on when doGenerate hangs past requestMs, aborting the hung attempt', async () => {
    const { model, aborted } = hangingModel('hung');
    const pending = generateText({
      model: withFallback([model, scriptedModel('backup')], { timeouts: { requestMs: 1_000 } }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    const result = await pending;
    expect(result.text).toBe('Answer from backup.');
    expect(aborted).toEqual([true]);
    const caught = (result.providerMetadata!.fallback as unknown as FallbackMetadata).caught;
    expect(caught[0]).toMatchObject({
      type: 'timeout',
      message: expect.stringContaining('request timeout after 1000 ms'),
    });
  });

  it('moves on when doStream hangs before headers', async () => {
    const { model, aborted } = hangingModel('hung');
    const { done } = streamChain([model, scriptedModel('backup')], { timeouts: { requestMs: 500 } });
    await vi.advanceTimersByTimeAsync(500);
    expect((await done).text).toBe('Answer from backup.');
    expect(aborted).toEqual([true]);
  });

  it('moves on when the first token is slower than firstChunkMs, and is not retried on the silent model', async () => {
    const slow = stallingStream([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
    ]);
    const primary = new MockLanguageModelV4({ modelId: 'slow', doStream: async () => ({ stream: slow.stream }) });
    const { done } = streamChain([primary, scriptedModel('backup')], {
      timeouts: { firstChunkMs: 2_000, chunkIdleMs: false },
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await done).text).toBe('Answer from backup.');
    expect(slow.state.cancelled).toBe(true);
    expect(primary.doStreamCalls).toHaveLength(1);
  });

  it('treats a stall before commit longer than chunkIdleMs as a failure', async () => {
    const stall = stallingStream([{ type: 'stream-start', warnings: [] }]);
    const primary = new MockLanguageModelV4({ modelId: 'stalls', doStream: async () => ({ stream: stall.stream }) });
    const { done } = streamChain([primary, scriptedModel('backup')], { timeouts: { chunkIdleMs: 300 } });
    await vi.advanceTimersByTimeAsync(300);
    expect((await done).text).toBe('Answer from backup.');
  });

  it('ends a stream that stalls after commit with a timeout error part, cancelling the inner stream', async () => {
    const stall = stallingStream(textParts('Half an ', { finish: false }).slice(0, 4));
    const backup = scriptedModel('backup');
    const { result, done } = streamChain(
      [new MockLanguageModelV4({ modelId: 'stalls', doStream: async () => ({ stream: stall.stream }) }), backup],
      {
        timeouts: { chunkIdleMs: 1_000 },
      },
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(stall.state.cancelled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { text, errors } = await done;
    expect(text).toBe('Half an ');
    expect(errors).toHaveLength(1);
    expect(FallbackTimeoutError.isInstance(errors[0])).toBe(true);
    expect(await result.finishReason).toBe('error');
    expect(stall.state.cancelled).toBe(true);
    expect(backup.doStreamCalls).toHaveLength(0);
  });

  it("after the provider's error part, a stream that stalls past totalMs ends with the provider's error, then the timeout", async () => {
    const failure = { message: 'upstream overloaded' };
    const stall = stallingStream([
      ...textParts('Half an ', { finish: false }).slice(0, 4),
      { type: 'error', error: failure },
    ]);
    const { result, done } = streamChain(
      [new MockLanguageModelV4({ modelId: 'stalls', doStream: async () => ({ stream: stall.stream }) })],
      { timeouts: { totalMs: 5_000 } },
    );
    await vi.advanceTimersByTimeAsync(5_000);
    const { text, errors } = await done;
    expect(text).toBe('Half an ');
    // Both reach the consumer: the provider's failure as it sent it, and why the stream ended without its finish.
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('upstream overloaded') });
    expect(FallbackTimeoutError.isInstance(errors[1]) && errors[1].kind).toBe('total');
    expect(await result.finishReason).toBe('error');
    expect(stall.state.cancelled).toBe(true);
  });

  it('keeps a slow but steady stream alive: the idle clock restarts on every part', async () => {
    let controller!: ReadableStreamDefaultController<LanguageModelV4StreamPart>;
    const primary = new MockLanguageModelV4({
      modelId: 'steady',
      doStream: async () => ({
        stream: new ReadableStream({
          start: c => {
            controller = c;
          },
        }),
      }),
    });
    const { done } = streamChain([primary], { timeouts: { chunkIdleMs: 1_000 } });
    await vi.advanceTimersByTimeAsync(0);
    const parts = textParts('one two three four five six');
    for (const part of parts) {
      controller.enqueue(part);
      await vi.advanceTimersByTimeAsync(900);
    }
    controller.close();
    expect((await done).text).toBe('one two three four five six');
  });

  it('does not count a consumer that pauses reading as provider silence', async () => {
    const primary = new MockLanguageModelV4({
      modelId: 'fast',
      doStream: async () => ({ stream: partsStream(textParts('all of it arrived at once')) }),
    });
    const { stream } = await withFallback([primary], { timeouts: { chunkIdleMs: 1_000 } }).doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    const reader = stream.getReader();
    const parts: LanguageModelV4StreamPart[] = [(await reader.read()).value!];
    await vi.advanceTimersByTimeAsync(5_000);
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(parts.map(p => (p.type === 'text-delta' ? p.delta : '')).join('')).toBe('all of it arrived at once');
    expect(parts.some(p => p.type === 'error')).toBe(false);
  });

  it('spends one totalMs budget across retries and fallbacks, then says so', async () => {
    const { model } = hangingModel('hung');
    const failing = scriptedModel('failing', [
      { error: apiError(503) },
      { error: apiError(503) },
      { error: apiError(503) },
    ]);
    const pending = generateText({
      model: withFallback([failing, model], {
        backoff: { initialDelayMs: 1_000, jitter: false },
        timeouts: { totalMs: 5_000 },
      }),
      prompt: 'hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await pending;
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).reason).toBe('total-timeout');
    expect((error as Error).message).toContain('total budget of 5000 ms');
    expect((error as FallbackExhaustedError).attempts.map(a => `${a.modelId}:${a.type}`)).toEqual([
      'failing:provider-unavailable',
      'failing:provider-unavailable',
      'failing:provider-unavailable',
      'hung:timeout',
    ]);
  });

  it('cancels a stream that a model ignoring its abort signal delivers after the timeout', async () => {
    const late = stallingStream([{ type: 'stream-start', warnings: [] }]);
    let deliver!: () => void;
    const primary = new MockLanguageModelV4({
      modelId: 'deaf',
      doStream: () =>
        new Promise(resolve => {
          deliver = () => resolve({ stream: late.stream });
        }),
    });
    const { done } = streamChain([primary, scriptedModel('backup')], { timeouts: { requestMs: 500 } });
    await vi.advanceTimersByTimeAsync(500);
    expect((await done).text).toBe('Answer from backup.');
    deliver();
    await vi.advanceTimersByTimeAsync(0);
    expect(late.state.cancelled).toBe(true);
  });

  it("never mistakes the AI SDK's own timeout for a provider failure", async () => {
    const { model } = hangingModel('hung');
    const backup = scriptedModel('backup');
    const pending = generateText({
      model: withFallback([model, backup], { timeouts: { requestMs: 60_000 } }),
      prompt: 'hi',
      maxRetries: 0,
      timeout: 1_000,
    }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await pending;
    expect(FallbackExhaustedError.isInstance(error)).toBe(false);
    expect(FallbackTimeoutError.isInstance(error)).toBe(false);
    expect(backup.doGenerateCalls).toHaveLength(0);
  });

  it("stops a stream at once on the caller's abort before commit, without falling back", async () => {
    const { model } = hangingModel('hung');
    const backup = scriptedModel('backup');
    const controller = new AbortController();
    const result = streamText({
      model: withFallback([model, backup]),
      prompt: 'hi',
      maxRetries: 0,
      abortSignal: controller.signal,
      onError: () => {},
    });
    const done = collect(result);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error('user pressed stop'));
    await done;
    expect(backup.doStreamCalls).toHaveLength(0);
  });
});

describe("midStream: 'continue'", () => {
  it('asks the next entry to continue the text, forwarding only its new parts', async () => {
    vi.useRealTimers();
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doStream: async () => ({ stream: cutStream('The sky is ') }),
    });
    const backup = new MockLanguageModelV4({
      modelId: 'backup',
      doStream: async () => ({ stream: partsStream(textParts('blue because of Rayleigh scattering.')) }),
    });
    const result = streamText({
      model: withFallback([primary, backup], { midStream: 'continue' }),
      prompt: 'Why?',
      maxRetries: 0,
      onError: () => {},
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(await result.text).toBe('The sky is blue because of Rayleigh scattering.');
    expect(await result.finishReason).toBe('stop');
    expect(parts.filter(p => p === 'text-start')).toHaveLength(1);
    expect(parts).not.toContain('error');
    const prompt = backup.doStreamCalls[0]!.prompt;
    expect(prompt.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'The sky is ' }] });
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(metadata.continuation).toEqual({
      from: expect.objectContaining({ modelId: 'primary' }),
      by: expect.objectContaining({ modelId: 'backup' }),
      receivedChars: 11,
    });
    expect(metadata.caught.map(c => c.type)).toEqual(['network']);
  });

  it('reports the original failure, with the prefill rejection as its cause, when the fallback refuses to continue', async () => {
    vi.useRealTimers();
    const cut = new TypeError('terminated');
    const rejection = apiError(400, { message: 'This model does not support assistant message prefill' });
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doStream: async () => ({ stream: cutStream('Partial ', cut) }),
    });
    const backup = new MockLanguageModelV4({
      modelId: 'backup',
      doStream: async () => {
        throw rejection;
      },
    });
    const result = streamText({
      model: withFallback([primary, backup], { midStream: 'continue' }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    const { errors, text } = await collect(result);
    expect(text).toBe('Partial ');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
    expect((errors[0] as Error).message).toBe(cut.message);
    expect((errors[0] as Error).cause).toBe(rejection);
    // A read that rejects errors the stream, as the bare model's does.
    await expect(result.finishReason).rejects.toBe(errors[0]);
  });

  it('does not continue once a tool call was emitted', async () => {
    vi.useRealTimers();
    const primary = new MockLanguageModelV4({
      modelId: 'primary',
      doStream: async () => ({
        stream: partsStream(
          [
            { type: 'stream-start', warnings: [] },
            { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
          ],
          new TypeError('terminated'),
        ),
      }),
    });
    const backup = scriptedModel('backup');
    const result = streamText({
      model: withFallback([primary, backup], { midStream: 'continue' }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    const { errors } = await collect(result);
    expect(errors).toHaveLength(1);
    expect(backup.doStreamCalls).toHaveLength(0);
  });
});
