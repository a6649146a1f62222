import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type FallbackMetadata, withFallback } from '../../src/index';
import { apiError, cutModel, cutStream, partsStream, scriptedModel, textParts } from '../helpers/mock-models';

// Minimal reproductions of bugs the chaos soak (`npm run soak`) and the integration tests found
// in src/, kept as regression tests. A test here fails until its bug is fixed.

describe('soak finding: a second mid-stream failure, after a continuation', () => {
  /** A model whose successive streams are `streams`; a stream ending without finish fails with a cut. */
  function streaming(modelId: string, streams: string[][]) {
    let call = 0;
    return new MockLanguageModelV4({
      modelId,
      doStream: async () => {
        const [text, cut] = streams[call++] ?? [`Answer from ${modelId}.`];
        return {
          stream: partsStream(
            textParts(text!, { finish: cut === undefined }).slice(
              0,
              cut === undefined ? undefined : -1,
            ) as LanguageModelV4StreamPart[],
            cut === undefined ? undefined : new TypeError(cut),
          ),
        };
      },
    });
  }

  it('is continued by the entry after the one that failed, and recorded as such', async () => {
    const a = streaming('a', [['Hello ', 'terminated']]);
    // b continues, then fails too; were it asked again, it would happily continue itself.
    const b = streaming('b', [['wor', 'terminated'], ['ld.']]);
    const c = streaming('c', [['ld.']]);
    const result = streamText({
      model: withFallback([a, b, c], { midStream: 'continue', circuitBreaker: false }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    for await (const _ of result.fullStream);

    expect(await result.text).toBe('Hello world.');
    // The entry whose continuation just failed is not asked to continue it again.
    expect(b.doStreamCalls).toHaveLength(1);
    expect(c.doStreamCalls).toHaveLength(1);
    expect(c.doStreamCalls[0]!.prompt.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello wor' }],
    });
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    // Every call made is counted, and each failure is listed against the entry that failed.
    expect(metadata.attempts).toBe(3);
    expect(metadata.caught.map(caught => `${caught.modelId} ${caught.type}`)).toEqual(['a network', 'b network']);
    expect(metadata.continuation).toMatchObject({ by: { modelId: 'c' }, receivedChars: 'Hello wor'.length });
  });
});

describe('soak finding: a fallback that always fails mid-stream', () => {
  it('is asked to continue once, not again and again', async () => {
    const primary = cutModel('primary', 'Hello ');
    // Sends a little text and is cut, every time. Past a few calls it refuses, so that the bug
    // this reproduces (asking it forever, in a loop of microtasks no timer can stop) ends.
    const flaky = new MockLanguageModelV4({
      modelId: 'flaky',
      doStream: async () => {
        if (flaky.doStreamCalls.length > 5) throw apiError(400, { message: 'stop asking' });
        return { stream: cutStream('wor') };
      },
    });
    const result = streamText({
      model: withFallback([primary, flaky], { midStream: 'continue', circuitBreaker: false }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    let text = '';
    let thrown: unknown;
    try {
      for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
    } catch (error) {
      thrown = error;
    }

    expect(flaky.doStreamCalls).toHaveLength(1);
    expect(text).toBe('Hello wor');
    // Its cut ends the stream as a rejected read ends a bare stream: with the error.
    expect(thrown).toBeInstanceOf(TypeError);
  });
});

describe('soak finding: Retry-After with the default circuit breaker', () => {
  // A 429 with a Retry-After opens the entry's circuit until `failedAt + retryAfter`, and the
  // chain decides to retry after exactly that wait. The wait runs on setTimeout's monotonic
  // clock while the circuit compares Date.now(), so it could end a millisecond before `until`:
  // the retry the chain waited for was then skipped as "circuit open" and the call fell back.
  it('makes the retry it waited for, on every one of 40 calls', async () => {
    const servedBy: string[] = [];
    for (let index = 0; index < 40; index++) {
      const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after-ms': '20' } }) }]);
      const result = await generateText({
        model: withFallback([primary, scriptedModel('backup')], { backoff: { initialDelayMs: 1, jitter: false } }),
        prompt: 'hi',
        maxRetries: 0,
      });
      const fallback = result.providerMetadata?.fallback as unknown as FallbackMetadata | undefined;
      servedBy.push(fallback?.servedBy.modelId ?? 'none');
    }
    expect(servedBy.filter(id => id !== 'primary')).toEqual([]);
  });
});

describe('soak finding: a continuing entry that fails, is retried, then refuses the prefill', () => {
  it('lists every continuation request in caught, the failure before the refusal included', async () => {
    // b's first request fails with a 500 (retried); its retry refuses the prefill, so c continues.
    const b = scriptedModel('b', [
      { error: apiError(500, { message: 'Internal server error' }) },
      { error: apiError(400, { message: 'This model does not support assistant message prefill.' }) },
    ]);
    const result = streamText({
      model: withFallback([cutModel('a', 'Hello '), b, scriptedModel('c', [{ text: 'world.' }])], {
        midStream: 'continue',
        circuitBreaker: false,
        backoff: { initialDelayMs: 1, jitter: false },
      }),
      prompt: 'hi',
      maxRetries: 0,
      onError: () => {},
    });
    for await (const _ of result.fullStream);

    expect(await result.text).toBe('Hello world.');
    expect(b.doStreamCalls).toHaveLength(2);
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    // Four requests: a's cut stream, b's 500, b's refusal, c's continuation; the three failures in order.
    expect(metadata.attempts).toBe(4);
    expect(metadata.caught.map(caught => `${caught.modelId} ${caught.type}`)).toEqual([
      'a network',
      'b provider-unavailable',
      'b bad-request',
    ]);
    expect(metadata.continuation).toMatchObject({ from: { modelId: 'a' }, by: { modelId: 'c' } });
  });
});
