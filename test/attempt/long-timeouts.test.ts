/**
 * Clocks longer than a timer can wait (2^31-1 ms, about 24.8 days) fire when
 * due, not at once and not never: each case hangs a model under one long
 * clock (every other clock off) and steps the fake clock past the limit.
 */
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type FallbackConfig,
  type FallbackEntry,
  FallbackExhaustedError,
  FallbackTimeoutError,
  type FallbackTimeoutKind,
  withFallback,
} from '../../src/index';
import { textParts } from '../helpers/mock-models';

const MAX_TIMER_MS = 2 ** 31 - 1;
const DAYS_30 = 30 * 86_400_000;
const OFF = { requestMs: false, firstChunkMs: false, chunkIdleMs: false, totalMs: false } as const;

/** Settles only when the call's abort signal fires, like a provider that never answers. */
const hang = (options: LanguageModelV4CallOptions) =>
  new Promise<never>((_, reject) => {
    options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason), { once: true });
  });

/** A stream that sends `parts`, then stays silent until cancelled. */
const silentAfter = (parts: LanguageModelV4StreamPart[]) => async () => ({
  stream: new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
    },
  }),
});

interface Case {
  name: string;
  operation: 'generate' | 'stream';
  kind: FallbackTimeoutKind;
  model: MockLanguageModelV4;
  /** Where the long clock is set: the chain's options, or the entry's own timeouts. */
  on?: 'chain' | 'entry';
  /** True when the timeout comes after commit, as an error part in a stream the consumer already reads. */
  afterCommit?: boolean;
}

const field = { request: 'requestMs', 'first-chunk': 'firstChunkMs', 'chunk-idle': 'chunkIdleMs', total: 'totalMs' };

const cases: Case[] = [
  { name: 'requestMs, doGenerate hangs', operation: 'generate', kind: 'request', model: mock({ doGenerate: hang }) },
  {
    name: "the entry's requestMs, doGenerate hangs",
    operation: 'generate',
    kind: 'request',
    on: 'entry',
    model: mock({ doGenerate: hang }),
  },
  { name: 'totalMs, doGenerate hangs', operation: 'generate', kind: 'total', model: mock({ doGenerate: hang }) },
  { name: 'requestMs, doStream hangs', operation: 'stream', kind: 'request', model: mock({ doStream: hang }) },
  {
    name: 'firstChunkMs, no output after stream-start',
    operation: 'stream',
    kind: 'first-chunk',
    model: mock({ doStream: silentAfter([{ type: 'stream-start', warnings: [] }]) }),
  },
  {
    name: "the entry's firstChunkMs",
    operation: 'stream',
    kind: 'first-chunk',
    on: 'entry',
    model: mock({ doStream: silentAfter([{ type: 'stream-start', warnings: [] }]) }),
  },
  {
    name: 'chunkIdleMs, silence before commit',
    operation: 'stream',
    kind: 'chunk-idle',
    model: mock({ doStream: silentAfter([{ type: 'stream-start', warnings: [] }]) }),
  },
  {
    name: 'chunkIdleMs, silence after commit',
    operation: 'stream',
    kind: 'chunk-idle',
    afterCommit: true,
    model: mock({ doStream: silentAfter(textParts('Half an ', { finish: false }).slice(0, 4)) }),
  },
  {
    name: "the entry's chunkIdleMs, silence after commit",
    operation: 'stream',
    kind: 'chunk-idle',
    on: 'entry',
    afterCommit: true,
    model: mock({ doStream: silentAfter(textParts('Half an ', { finish: false }).slice(0, 4)) }),
  },
  { name: 'totalMs, doStream hangs', operation: 'stream', kind: 'total', model: mock({ doStream: hang }) },
  {
    name: 'totalMs, silence after commit',
    operation: 'stream',
    kind: 'total',
    afterCommit: true,
    model: mock({ doStream: silentAfter(textParts('Half an ', { finish: false }).slice(0, 4)) }),
  },
];

function mock(behaviour: Partial<ConstructorParameters<typeof MockLanguageModelV4>[0]>) {
  return new MockLanguageModelV4({ modelId: 'slow', ...behaviour });
}

/** Runs the call; resolves with what ended it (a rejection, or a stream's error part) once it ends. */
function start(
  operation: Case['operation'],
  model: ReturnType<typeof withFallback>,
): Promise<{ error: unknown; text: string }> {
  if (operation === 'generate') {
    return generateText({ model, prompt: 'hi', maxRetries: 0 }).then(
      result => ({ error: undefined, text: result.text }),
      error => ({ error, text: '' }),
    );
  }
  const result = streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} });
  return (async () => {
    let error: unknown;
    let text = '';
    for await (const part of result.fullStream) {
      if (part.type === 'error') error ??= part.error;
      if (part.type === 'text-delta') text += part.text;
    }
    return { error, text };
  })();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a clock longer than 2^31-1 ms', () => {
  it.each(cases)('fires after exactly 30 days: $name', async ({ operation, kind, model, on, afterCommit }) => {
    const long = { [field[kind]]: DAYS_30 };
    const entry: FallbackEntry | MockLanguageModelV4 = on === 'entry' ? { model, timeouts: long } : model;
    const config: FallbackConfig = { timeouts: { ...OFF, ...(on === 'entry' ? {} : long) }, logger: {} };
    const t0 = Date.now();
    let endedAt: number | undefined;
    const ended = start(operation, withFallback([entry], config)).finally(() => {
      endedAt = Date.now();
    });

    // In steps no timer could take at once, up to one millisecond short of the deadline.
    for (let left = DAYS_30 - 1; left > 0; left -= Math.min(left, MAX_TIMER_MS)) {
      await vi.advanceTimersByTimeAsync(Math.min(left, MAX_TIMER_MS));
      expect(endedAt, 'still waiting').toBeUndefined();
    }
    await vi.advanceTimersByTimeAsync(1);
    const { error, text } = await ended;
    expect(endedAt! - t0).toBe(DAYS_30);

    // Before commit the chain gives up with the timeout as its last error; after it, the stream's error part is it.
    const timeout = afterCommit ? error : FallbackExhaustedError.isInstance(error) ? error.lastError : error;
    expect(FallbackTimeoutError.isInstance(timeout), String(error)).toBe(true);
    expect(timeout).toMatchObject({ kind, timeoutMs: DAYS_30 });
    expect(text).toBe(afterCommit ? 'Half an ' : '');
  });
});
