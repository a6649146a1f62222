import { APICallError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  canonicalAnswer,
  type FakeProvider,
  type FakeStep,
  fakeProviderFetch,
  startFakeProvider,
} from '../../src/testing/index';
import { caught, collectStream, type FakeTarget, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => {
  fake.reset();
  vi.useRealTimers();
});
afterAll(() => fake.close());

// The providers' real default URLs: the fake fetch needs no special base URL.
const REAL_LOOKING_URLS = {
  openaiBaseURL: 'https://api.openai.com/v1',
  azureBaseURL: 'https://fake-resource.openai.azure.com/openai',
  openrouterBaseURL: 'https://openrouter.ai/api/v1',
};

const MODEL = 'parity-model';
const KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses', 'openrouter chat'];

// Parse errors quote the body, whose timestamps differ when the two calls straddle a second.
function withoutTimestamps(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/"(created|created_at)":\d+/g, '"$1":0') : text;
}

function summarizeError(error: unknown) {
  if (error == null) return undefined;
  const value = error as Record<string, any>;
  return {
    name: value.name,
    message: withoutTimestamps(value.message),
    statusCode: value.statusCode,
    retryAfter: value.responseHeaders?.['retry-after'],
    cause: withoutTimestamps(value.cause?.message),
    causeCode: value.cause?.code,
  };
}

/** What a user of generateText and streamText sees for one step, through one transport. */
async function observe(target: FakeTarget, kind: ModelKind) {
  const model = () => modelsFor(target, MODEL)[kind];
  let generated: unknown;
  try {
    generated = { text: (await generateText({ model: model(), prompt: 'x', maxRetries: 0 })).text };
  } catch (error) {
    generated = summarizeError(error);
  }
  const streamed = await collectStream(model());
  return {
    generated,
    deltas: streamed.deltas,
    finishReason: streamed.finishReason,
    errors: streamed.errors.map(summarizeError),
    thrown: summarizeError(streamed.thrown),
  };
}

describe('fakeProviderFetch behaves like the server', () => {
  const steps: FakeStep[] = [
    'ok',
    { text: 'a custom answer' },
    'quota',
    'credits',
    'content-filter',
    { status: 429, retryAfter: 3, message: 'later' },
    'reset',
    { headersDelayMs: 2 },
    { firstTokenDelayMs: 2 },
    { cutAfterTokens: 3 },
    { stallAfterTokens: 2, forMs: 2 },
    { errorAfterTokens: 2 },
    { errorAfterTokens: 0, code: 'rate_limit_exceeded' },
    'malformed',
    'no-done',
  ];

  for (const kind of KINDS) {
    it.each(steps)(`${kind}: %j`, async step => {
      fake.reset();
      fake.setScript({ [MODEL]: step });
      const viaServer = await observe(fake, kind);
      const fakeFetch = fakeProviderFetch({ [MODEL]: step });
      const viaFetch = await observe({ ...REAL_LOOKING_URLS, fetch: fakeFetch }, kind);

      expect(viaFetch).toEqual(viaServer);
      expect(fakeFetch.requests.map(({ model, api, stream, step }) => ({ model, api, stream, step }))).toEqual(
        fake.requests.map(({ model, api, stream, step }) => ({ model, api, stream, step })),
      );
    });
  }
});

describe('fakeProviderFetch specifics', () => {
  const url = `${REAL_LOOKING_URLS.openaiBaseURL}/chat/completions`;
  const init = (signal?: AbortSignal): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, stream: true }),
    signal,
  });

  it("serves the default answer through the providers' default base URLs", async () => {
    const fakeFetch = fakeProviderFetch({});
    const outcome = await collectStream(
      modelsFor({ ...REAL_LOOKING_URLS, fetch: fakeFetch }, MODEL)['azure responses'],
    );

    expect(outcome.text).toBe(canonicalAnswer(MODEL));
    expect(fakeFetch.requests[0]).toMatchObject({
      provider: 'azure',
      api: 'responses',
      path: '/openai/v1/responses',
      query: { 'api-version': 'v1' },
    });
  });

  it("'reset' rejects like undici: TypeError('fetch failed') caused by ECONNRESET", async () => {
    const fakeFetch = fakeProviderFetch({ [MODEL]: 'reset' });
    const error = await caught(fakeFetch(url, init()));

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it("'hang' settles only when the signal aborts, rejecting with its reason", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fakeFetch = fakeProviderFetch({ [MODEL]: 'hang' });
    const controller = new AbortController();
    let settled = false;
    const pending = fakeFetch(url, init(controller.signal)).finally(() => {
      settled = true;
    });
    pending.catch(() => {});

    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(settled).toBe(false);

    const reason = new Error('caller gave up');
    controller.abort(reason);
    expect(await caught(pending)).toBe(reason);
    expect(fakeFetch.requests[0]).toMatchObject({ step: 'hang', aborted: true });
  });

  it('headersDelayMs resolves exactly after the delay and an abort clears the timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fakeFetch = fakeProviderFetch({ [MODEL]: [{ headersDelayMs: 1000 }, { headersDelayMs: 1000 }] });
    let status: number | undefined;
    const first = fakeFetch(url, init()).then(response => {
      status = response.status;
    });

    await vi.advanceTimersByTimeAsync(999);
    expect(status).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await first;
    expect(status).toBe(200);

    const controller = new AbortController();
    const second = fakeFetch(url, init(controller.signal));
    second.catch(() => {});
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await caught(second);
    expect(vi.getTimerCount()).toBe(0);
    expect(fakeFetch.requests[1]).toMatchObject({ aborted: true });
  });

  it('stallAfterTokens with forMs holds the rest of the stream until the time passes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fakeFetch = fakeProviderFetch({ [MODEL]: { stallAfterTokens: 1, forMs: 5000 } });
    const response = await fakeFetch(url, init());
    let text = '';
    const done = response.text().then(value => {
      text = value;
    });

    await vi.advanceTimersByTimeAsync(4999);
    expect(text).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(text).toContain('data: [DONE]');
  });

  it('cancelling the body of a stalled stream marks the request aborted and clears its timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fakeFetch = fakeProviderFetch({ [MODEL]: { stallAfterTokens: 1, forMs: 60_000 } });
    const response = await fakeFetch(url, init());
    expect(vi.getTimerCount()).toBe(1);

    await response.body!.cancel();

    expect(vi.getTimerCount()).toBe(0);
    expect(fakeFetch.requests[0]).toMatchObject({ aborted: true });
  });

  it('a cut errors the body stream after the tokens were delivered', async () => {
    const fakeFetch = fakeProviderFetch({ [MODEL]: { cutAfterTokens: 2 } });
    const response = await fakeFetch(url, init());
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const error = await caught(
      (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += value;
        }
      })(),
    );

    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('terminated');
    expect(received).toContain('"content":"Hell"');
    expect(received).not.toContain('[DONE]');
  });

  it('an aborted streamText surfaces as an abort, not a provider error', async () => {
    const fakeFetch = fakeProviderFetch({ [MODEL]: { stallAfterTokens: 2 } });
    const controller = new AbortController();
    const outcome = await collectStream(modelsFor({ ...REAL_LOOKING_URLS, fetch: fakeFetch }, MODEL)['openai chat'], {
      abortSignal: controller.signal,
      onDelta: (_delta, index) => {
        if (index === 1) controller.abort();
      },
    });

    expect(outcome.deltas).toHaveLength(2);
    expect(outcome.partTypes).toContain('abort');
    expect(outcome.errors.filter(error => APICallError.isInstance(error))).toEqual([]);
    expect(fakeFetch.requests[0]).toMatchObject({ aborted: true });
  });
});
