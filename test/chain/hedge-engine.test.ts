// The race on the process-wide sweep, with fake timers: the hedge starts exactly at afterMs and not
// before, the loser's signal is aborted, a loser that committed in the same turn is closed unread,
// and with hedging unset a slow attempt is waited for alone.
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FallbackMetadata, withFallback } from '../../src/index';
import { cutModel, generateResult, hangingModel, partsStream, scriptedModel, textParts } from '../helpers/mock-models';

const fallbackOf = (metadata: unknown) => (metadata as { fallback: FallbackMetadata }).fallback;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the hedge race', () => {
  it('starts the hedge at afterMs, not before, and aborts the slow attempt once the hedge answers', async () => {
    const slow = hangingModel('slow');
    const backup = scriptedModel('backup');
    const pending = generateText({
      model: withFallback([slow.model, backup], { hedge: { afterMs: 200 } }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(backup.doGenerateCalls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.text).toBe('Answer from backup.');
    expect(backup.doGenerateCalls).toHaveLength(1);
    expect(slow.aborted).toEqual([true]);
    expect(fallbackOf(result.providerMetadata).caught).toMatchObject([{ modelId: 'slow', type: 'hedged' }]);
  });

  it('with hedge unset, a slow attempt is waited for alone', async () => {
    let answer!: () => void;
    const slow = new MockLanguageModelV4({
      modelId: 'slow',
      doGenerate: () => new Promise(resolve => (answer = () => resolve(generateResult('late')))),
    });
    const backup = scriptedModel('backup');
    const pending = generateText({ model: withFallback([slow, backup]), prompt: 'hi', maxRetries: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(backup.doGenerateCalls).toHaveLength(0);
    answer();
    expect((await pending).text).toBe('late');
  });

  it('a racer that commits in the same turn as the winner has its stream cancelled, unread', async () => {
    const cancelled: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    /** Both models open their streams when `gate` opens: they commit in the same turn. */
    const model = (modelId: string) =>
      new MockLanguageModelV4({
        modelId,
        doStream: async () => {
          await gate;
          const inner = partsStream(textParts(`Answer from ${modelId}.`)).getReader();
          return {
            stream: new ReadableStream<LanguageModelV4StreamPart>({
              async pull(controller) {
                const next = await inner.read();
                if (next.done) controller.close();
                else controller.enqueue(next.value);
              },
              cancel() {
                cancelled.push(modelId);
              },
            }),
          };
        },
      });
    const result = streamText({
      model: withFallback([model('a'), model('b')], { hedge: { afterMs: 10 } }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(10);
    release();
    const text = await result.text;
    expect(['Answer from a.', 'Answer from b.']).toContain(text);
    const winner = text === 'Answer from a.' ? 'a' : 'b';
    expect(cancelled).toEqual([winner === 'a' ? 'b' : 'a']);
    expect(fallbackOf(await result.providerMetadata).hedge?.winner.modelId).toBe(winner);
  });

  it('a model that throws synchronously as the hedge is a failure of that racer; the other still answers', async () => {
    let answer!: () => void;
    const slow = new MockLanguageModelV4({
      modelId: 'slow',
      doGenerate: () => new Promise(resolve => (answer = () => resolve(generateResult('primary answer')))),
    });
    const throwing = new MockLanguageModelV4({
      modelId: 'throwing',
      doGenerate: (() => {
        throw new Error('sync failure');
      }) as never,
    });
    const pending = generateText({
      model: withFallback([slow, throwing], { hedge: { afterMs: 5 }, maxRetriesPerModel: 0 }),
      prompt: 'hi',
      maxRetries: 0,
    });
    await vi.advanceTimersByTimeAsync(5);
    answer();
    const result = await pending;
    expect(result.text).toBe('primary answer');
    expect(fallbackOf(result.providerMetadata).caught).toMatchObject([
      { modelId: 'throwing', type: 'provider-unavailable' },
    ]);
  });
});

describe('a hedge inside a continuation', () => {
  it('is reported in providerMetadata.fallback.hedge, with the entry that continued as its winner', async () => {
    const slow = hangingModel('b');
    const result = streamText({
      model: withFallback([cutModel('a', 'Hello '), slow.model, scriptedModel('c', [{ text: 'world.' }])], {
        midStream: 'continue',
        circuitBreaker: false,
        hedge: { afterMs: 100 },
      }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    const consumed = (async () => {
      for await (const _ of result.fullStream);
    })();
    await vi.advanceTimersByTimeAsync(100);
    await consumed;

    expect(await result.text).toBe('Hello world.');
    expect(slow.aborted).toEqual([true]);
    const fallback = fallbackOf(await result.providerMetadata);
    expect(fallback.continuation).toMatchObject({ from: { modelId: 'a' }, by: { modelId: 'c' } });
    expect(fallback.hedge).toMatchObject({ afterMs: 100, started: { modelId: 'c' }, winner: { modelId: 'c' } });
    expect(fallback.caught.map(caught => `${caught.modelId} ${caught.type}`)).toEqual(['a network', 'b hedged']);
  });
});
