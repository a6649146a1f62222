import { APICallError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer, type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { caught, collectStream, deferredSignal, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  // Every fault must leave the server without open sockets; the next test counts on it.
  await fake.whenIdle();
  fake.reset();
});
afterAll(() => fake.close());

const MODEL = 'faulty';
const TOKENS = splitIntoTokens(canonicalAnswer(MODEL));
const STREAM_KINDS: ModelKind[] = [
  'openai chat',
  'openai responses',
  'azure chat',
  'azure responses',
  'openrouter chat',
];

function model(kind: ModelKind) {
  return modelsFor(fake, MODEL)[kind];
}

async function rawStream(body: Record<string, unknown>, path = '/v1/chat/completions') {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, stream: true, ...body }),
  });
  return { response, text: await response.text() };
}

describe('reset', () => {
  it.each(STREAM_KINDS)('%s: generateText fails with a retryable connection error', async kind => {
    fake.setScript({ [MODEL]: 'reset' });
    const error = await caught(generateText({ model: model(kind), prompt: 'x', maxRetries: 0 }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^Cannot connect to API/);
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBeUndefined();
    expect(error.cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('streamText reports the connection error as an error part', async () => {
    fake.setScript({ [MODEL]: 'reset' });
    const outcome = await collectStream(model('openai chat'));

    expect(outcome.deltas).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(fake.requests[0]).toMatchObject({ step: 'reset', aborted: false });
  });
});

describe('hang', () => {
  it.each(['openai chat', 'openrouter chat'] as const)(
    '%s: generateText waits until aborted, then the socket is closed',
    async kind => {
      const { arrived, signal } = deferredSignal();
      fake.setScript({
        [MODEL]: () => {
          signal();
          return 'hang';
        },
      });
      const controller = new AbortController();
      const call = generateText({ model: model(kind), prompt: 'x', maxRetries: 0, abortSignal: controller.signal });

      await arrived;
      expect(fake.openConnections()).toBe(1);
      controller.abort();

      const error = await caught(call);
      expect(error.name).toBe('AbortError');
      await fake.whenIdle();
      expect(fake.openConnections()).toBe(0);
      expect(fake.requests[0]).toMatchObject({ step: 'hang', aborted: true });
    },
  );

  it('streamText stops on abort and leaves no open connection', async () => {
    const { arrived, signal } = deferredSignal();
    fake.setScript({
      [MODEL]: () => {
        signal();
        return 'hang';
      },
    });
    const controller = new AbortController();
    const pending = collectStream(model('openai responses'), { abortSignal: controller.signal });

    await arrived;
    controller.abort();
    const outcome = await pending;

    expect(outcome.deltas).toEqual([]);
    expect(outcome.partTypes).toContain('abort');
    await fake.whenIdle();
    expect(fake.openConnections()).toBe(0);
  });

  it('close() ends hanging requests and resolves', async () => {
    const { arrived, signal } = deferredSignal();
    const own = await startFakeProvider({
      script: {
        '*': () => {
          signal();
          return 'hang';
        },
      },
    });
    const call = generateText({ model: modelsFor(own)['openai chat'], prompt: 'x', maxRetries: 0 });
    await arrived;

    await own.close();

    const error = await caught(call);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(own.openConnections()).toBe(0);
  });
});

describe('headersDelayMs', () => {
  it('answers normally, no sooner than the delay', async () => {
    fake.setScript({ [MODEL]: { headersDelayMs: 60 } });
    const started = performance.now();
    const result = await generateText({ model: model('openai chat'), prompt: 'x', maxRetries: 0 });

    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(result.text).toBe(canonicalAnswer(MODEL));
    expect(fake.requests[0]!.step).toBe('headersDelayMs 60');
  });

  it('stops waiting when the client goes away', async () => {
    const { arrived, signal } = deferredSignal();
    fake.setScript({
      [MODEL]: () => {
        signal();
        return { headersDelayMs: 60_000 };
      },
    });
    const controller = new AbortController();
    const call = collectStream(model('openai chat'), { abortSignal: controller.signal });
    await arrived;
    controller.abort();
    await call;

    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ aborted: true });
  });
});

describe('firstTokenDelayMs', () => {
  async function readUntil(reader: ReadableStreamDefaultReader<string>, marker: string): Promise<string> {
    let received = '';
    while (!received.includes(marker)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value;
    }
    return received;
  }

  it('sends headers and the opening chunk at once, holding back the first token', async () => {
    fake.setScript({ [MODEL]: { firstTokenDelayMs: 60_000 } });
    const response = await fetch(`${fake.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: MODEL, stream: true }),
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const opening = await readUntil(reader, '"role":"assistant"');
    await reader.cancel();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(opening).not.toContain(JSON.stringify(TOKENS[0]));
    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ aborted: true });
  });

  it('sends the first token no sooner than the delay', async () => {
    fake.setScript({ [MODEL]: { firstTokenDelayMs: 80 } });
    const started = performance.now();
    const response = await fetch(`${fake.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: MODEL, stream: true }),
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const received = await readUntil(reader, `"content":${JSON.stringify(TOKENS[0])}`);
    const firstTokenAt = performance.now() - started;
    await reader.cancel();

    expect(received).toContain(`"content":${JSON.stringify(TOKENS[0])}`);
    expect(firstTokenAt).toBeGreaterThanOrEqual(75);
  });

  it.each(STREAM_KINDS)('%s: the answer is still complete', async kind => {
    fake.setScript({ [MODEL]: { firstTokenDelayMs: 5 } });
    const outcome = await collectStream(model(kind));

    expect(outcome.text).toBe(canonicalAnswer(MODEL));
    expect(outcome.finishReason).toBe('stop');
  });
});

describe('cutAfterTokens', () => {
  it.each(STREAM_KINDS)('%s: exactly N tokens, then the stream fails', async kind => {
    fake.setScript({ [MODEL]: { cutAfterTokens: 3 } });
    const outcome = await collectStream(model(kind));

    expect(outcome.deltas).toEqual(TOKENS.slice(0, 3));
    expect(outcome.finishReason).not.toBe('stop');
    const failure = outcome.thrown ?? outcome.errors[0];
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).cause).toMatchObject({ message: 'terminated' });
    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ step: 'cutAfterTokens 3', aborted: false });
  });

  it('a plain fetch sees the body fail with undici\'s "terminated"', async () => {
    fake.setScript({ [MODEL]: { cutAfterTokens: 2 } });
    const error = await caught(rawStream({}));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('terminated');
  });

  it.each(STREAM_KINDS)('%s: non-streaming calls fail mid-body', async kind => {
    fake.setScript({ [MODEL]: { cutAfterTokens: 1 } });
    const error = await caught(generateText({ model: model(kind), prompt: 'x', maxRetries: 0 }));

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.cause).toMatchObject({ message: 'terminated' });
  });
});

describe('stallAfterTokens', () => {
  it('pauses for forMs after N tokens, then finishes the answer', async () => {
    fake.setScript({ [MODEL]: { stallAfterTokens: 2, forMs: 60 } });
    const started = performance.now();
    const seen: number[] = [];
    const outcome = await collectStream(model('openai chat'), {
      onDelta: () => seen.push(performance.now() - started),
    });

    expect(outcome.text).toBe(canonicalAnswer(MODEL));
    expect(outcome.finishReason).toBe('stop');
    // Only the lower bound is deterministic: the third token cannot be sent before the pause ends.
    expect(seen[2]).toBeGreaterThanOrEqual(55);
  });

  it.each(STREAM_KINDS)('%s: stalls forever by default; aborting frees the connection', async kind => {
    fake.setScript({ [MODEL]: { stallAfterTokens: 2 } });
    const controller = new AbortController();
    const outcome = await collectStream(model(kind), {
      abortSignal: controller.signal,
      onDelta: (_delta, index) => {
        if (index === 1) controller.abort();
      },
    });

    expect(outcome.deltas).toEqual(TOKENS.slice(0, 2));
    expect(outcome.partTypes).toContain('abort');
    await fake.whenIdle();
    expect(fake.requests[0]).toMatchObject({ aborted: true });
  });
});

describe('errorAfterTokens', () => {
  it.each(['openai chat', 'openai responses', 'azure chat', 'azure responses'] as const)(
    '%s: N tokens, then an error part with the provider status',
    async kind => {
      fake.setScript({ [MODEL]: { errorAfterTokens: 3 } });
      const outcome = await collectStream(model(kind));

      expect(outcome.deltas).toEqual(TOKENS.slice(0, 3));
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({
        name: 'AI_StreamProviderError',
        statusCode: 500,
        code: 'server_error',
        isRetryable: true,
      });
      expect(outcome.finishReason).toBe('error');
    },
  );

  it("openrouter chat: N tokens, then OpenRouter's mid-stream error chunk", async () => {
    fake.setScript({ [MODEL]: { errorAfterTokens: 3 } });
    const outcome = await collectStream(model('openrouter chat'));

    expect(outcome.deltas).toEqual(TOKENS.slice(0, 3));
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({
      name: 'AI_StreamProviderError',
      message: 'Provider disconnected unexpectedly',
      code: 'server_error',
    });
    expect(outcome.finishReason).toBe('error');
  });

  it.each(['openai chat', 'openai responses'] as const)(
    '%s: 0 tokens makes the SDK throw an APICallError before any output',
    async kind => {
      fake.setScript({ [MODEL]: { errorAfterTokens: 0, code: 'rate_limit_exceeded', message: 'Slow down' } });
      const outcome = await collectStream(model(kind));

      expect(outcome.deltas).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(APICallError.isInstance(outcome.errors[0])).toBe(true);
      expect(outcome.errors[0]).toMatchObject({ statusCode: 429, message: 'Slow down' });
    },
  );

  it('a numeric code becomes the status code of the stream error', async () => {
    fake.setScript({ [MODEL]: { errorAfterTokens: 1, code: 503, message: 'overloaded' } });
    const outcome = await collectStream(model('openrouter chat'));

    expect(outcome.errors[0]).toMatchObject({ statusCode: 503, isRetryable: true, message: 'overloaded' });
  });

  it('non-streaming calls get an HTTP error instead', async () => {
    fake.setScript({ [MODEL]: { errorAfterTokens: 2, code: 429 } });
    const error = await caught(generateText({ model: model('openai responses'), prompt: 'x', maxRetries: 0 }));

    expect(error).toMatchObject({ statusCode: 429 });
  });
});

describe('malformed', () => {
  it.each(STREAM_KINDS)('%s: one unparseable event among valid ones', async kind => {
    fake.setScript({ [MODEL]: 'malformed' });
    const outcome = await collectStream(model(kind));

    expect(outcome.text).toBe(canonicalAnswer(MODEL));
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({ name: 'AI_JSONParseError' });
  });

  it('non-streaming calls get a 200 with invalid JSON', async () => {
    fake.setScript({ [MODEL]: 'malformed' });
    const error = await caught(generateText({ model: model('openai chat'), prompt: 'x', maxRetries: 0 }));

    expect(error.name).toBe('AI_APICallError');
    expect(error.statusCode).toBe(200);
  });
});

describe('no-done', () => {
  it.each(STREAM_KINDS)('%s: the whole answer without the completion signal', async kind => {
    fake.setScript({ [MODEL]: 'no-done' });
    const outcome = await collectStream(model(kind));

    expect(outcome.text).toBe(canonicalAnswer(MODEL));
    expect(outcome.errors).toEqual([]);
    expect(outcome.finishReason).not.toBe('stop');
  });

  it('chat: no finish_reason chunk and no [DONE] on the wire', async () => {
    fake.setScript({ [MODEL]: ['no-done', 'ok'] });
    const broken = await rawStream({});
    const complete = await rawStream({});

    expect(broken.text).not.toContain('[DONE]');
    expect(broken.text).not.toContain('"finish_reason":"stop"');
    expect(complete.text).toContain('data: [DONE]');
    expect(complete.text).toContain('"finish_reason":"stop"');
  });

  it('responses: no response.completed on the wire', async () => {
    fake.setScript({ [MODEL]: ['no-done', 'ok'] });
    const broken = await rawStream({}, '/v1/responses');
    const complete = await rawStream({}, '/v1/responses');

    expect(broken.text).toContain('event: response.output_item.done');
    expect(broken.text).not.toContain('response.completed');
    expect(complete.text).toContain('event: response.completed');
  });
});
