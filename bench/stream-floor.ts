/**
 * The floor of any stream wrapper at the spec level, per part, against reading the model directly:
 *
 *   npx tsx bench/stream-floor.ts
 *
 * `eager` copies the source into a new stream from `start()` without backpressure (what
 * ai-fallback does: its buffer grows without bound for a slow consumer); `pull` is the smallest
 * wrapper that keeps backpressure (one read per pull, high-water mark 1, no clocks, no metadata);
 * `loop` keeps it the way this package does, with nothing else (a read loop with room for two
 * parts that parks when the stream is full; `pull` wakes it and settles only when it parks
 * again); `ai-sdk-fallback` is the built package. Median CPU time per part over 9 interleaved rounds.
 */
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { PullHandshake } from '../src/attempt/pull-handshake';
import { core } from './core';
import { bareModel, callOptions } from './in-memory-models';

const PARTS = 200;
const STREAMS = 200;
const ROUNDS = 9;

type Streaming = {
  doStream(options: LanguageModelV4CallOptions): PromiseLike<{ stream: ReadableStream<LanguageModelV4StreamPart> }>;
};

function wrapped(kind: 'direct' | 'eager' | 'pull' | 'loop'): Streaming {
  const model = bareModel('a', { streamParts: PARTS });
  return {
    async doStream(options) {
      const { stream } = await model.doStream(options);
      if (kind === 'direct') return { stream };
      const reader = stream.getReader();
      if (kind === 'eager') {
        return {
          stream: new ReadableStream({
            async start(controller) {
              for (let next = await reader.read(); !next.done; next = await reader.read())
                controller.enqueue(next.value);
              controller.close();
            },
          }),
        };
      }
      if (kind === 'loop') return { stream: parkingLoop(reader) };
      return {
        stream: new ReadableStream(
          {
            pull: controller =>
              reader.read().then(next => (next.done ? controller.close() : controller.enqueue(next.value))),
          },
          { highWaterMark: 1 },
        ),
      };
    },
  };
}

function parkingLoop<PART>(reader: ReadableStreamDefaultReader<PART>): ReadableStream<PART> {
  const handshake = new PullHandshake();
  return new ReadableStream<PART>(
    {
      start(controller) {
        (async () => {
          for (;;) {
            if (controller.desiredSize! <= 0) await handshake.park();
            const next = await reader.read();
            if (next.done) {
              controller.close();
              handshake.release();
              return;
            }
            controller.enqueue(next.value);
          }
        })();
      },
      pull: () => handshake.pull(),
    },
    { highWaterMark: 2 },
  );
}

const subjects: Record<string, Streaming> = {
  direct: wrapped('direct'),
  eager: wrapped('eager'),
  pull: wrapped('pull'),
  loop: wrapped('loop'),
  'ai-sdk-fallback': core.withFallback([bareModel('a', { streamParts: PARTS }), bareModel('b')]),
};

const perPart: Record<string, number[]> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, subject] of Object.entries(subjects)) {
    const before = process.cpuUsage();
    for (let i = 0; i < STREAMS; i++) {
      const reader = (await subject.doStream(callOptions)).stream.getReader();
      while (!(await reader.read()).done);
    }
    const spent = process.cpuUsage(before);
    const samples = perPart[name] ?? [];
    samples.push(((spent.user + spent.system) * 1000) / STREAMS / PARTS);
    perPart[name] = samples;
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const direct = median(perPart.direct!);
for (const [name, values] of Object.entries(perPart)) {
  console.log(
    `${name.padEnd(16)} ${median(values).toFixed(0).padStart(5)} ns/part  ×${(median(values) / direct).toFixed(2)}`,
  );
}
