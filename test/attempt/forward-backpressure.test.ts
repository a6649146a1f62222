/**
 * After commit the wrapped stream reads the provider only as far ahead of
 * its consumer as a small, fixed look-ahead: a consumer that stops reading
 * stops the provider too. An error met ahead of the consumer waits until the
 * consumer has read every part that came before it.
 */
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { withFallback } from '../../src/index';

const HEAD: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
];
const delta = (n: number): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta: `${n} ` });

/** Lets every pending promise and stream pull run: the wrapper's loop goes as far as it will. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise(resolve => setImmediate(resolve));
}

/** A model whose stream starts with HEAD, then enqueues what `pull` gives, one part per read and none ahead. */
function pulledModel(pull: (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>) => void) {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV4StreamPart>(
        {
          start(controller) {
            for (const part of HEAD) controller.enqueue(part);
          },
          pull,
        },
        { highWaterMark: 0 },
      ),
    }),
  });
}

/** A provider stream of endless deltas that counts how many it was asked for. */
function endlessModel() {
  const counted = { deltas: 0 };
  const model = pulledModel(controller => controller.enqueue(delta(++counted.deltas)));
  return { model, counted };
}

describe('backpressure after commit', () => {
  it('reads the provider only a few parts ahead of a consumer that stops reading', async () => {
    const { model, counted } = endlessModel();
    const { stream } = await withFallback([model, new MockLanguageModelV4()]).doStream({ prompt: [] });
    const reader = stream.getReader();
    let read = 0;
    for (let round = 0; round < 3; round++) {
      await settle();
      const ahead = counted.deltas - read;
      expect(ahead, 'deltas pulled from the provider but not read').toBeLessThanOrEqual(3);
      await settle();
      expect(counted.deltas - read, 'the look-ahead does not grow while nobody reads').toBe(ahead);
      for (let i = 0; i < 10; i++) {
        const next = await reader.read();
        if (next.value?.type === 'text-delta') read++;
      }
    }
    expect(read).toBeGreaterThan(20);
    await reader.cancel();
  });

  it('hands every part read ahead to the consumer before the error that followed them', async () => {
    const failure = new Error('connection reset');
    let failed!: () => void;
    const providerFailed = new Promise<void>(resolve => {
      failed = resolve;
    });
    let sent = 0;
    const model = pulledModel(controller => {
      if (sent < 2) controller.enqueue(delta(++sent));
      else {
        controller.error(failure);
        failed();
      }
    });
    const { stream } = await withFallback([model, new MockLanguageModelV4()]).doStream({ prompt: [] });
    const reader = stream.getReader();
    const deltas: string[] = [];
    // The parts up to the commit point (the first delta), then nothing until the provider has failed:
    // the second delta, read ahead, is still queued when the error comes.
    while (deltas.length === 0) {
      const next = await reader.read();
      if (next.value?.type === 'text-delta') deltas.push(next.value.delta);
    }
    await providerFailed;
    await settle();
    let error: unknown;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (next.value.type === 'text-delta') deltas.push(next.value.delta);
      }
    } catch (caught) {
      error = caught;
    }
    expect(deltas).toEqual(['1 ', '2 ']);
    expect(error).toBe(failure);
  });
});
