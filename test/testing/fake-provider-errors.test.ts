import { APICallError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, type FakeStep, startFakeProvider } from '../../src/testing/index';
import { caught, collectStream, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const OPENAI_KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses'];

async function failWith(kind: ModelKind, step: FakeStep): Promise<APICallError> {
  fake.setScript({ failing: step });
  const error = await caught(generateText({ model: modelsFor(fake, 'failing')[kind], prompt: 'x', maxRetries: 0 }));
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('named error steps, OpenAI-shaped bodies', () => {
  const cases: Array<[FakeStep, number, string, RegExp]> = [
    ['quota', 429, 'insufficient_quota', /exceeded your current quota/],
    ['rate-limit', 429, 'rate_limit_exceeded', /Rate limit reached/],
    ['auth', 401, 'invalid_api_key', /Incorrect API key/],
    ['server-error', 500, 'server_error', /server had an error/],
    ['overloaded', 503, 'overloaded', /overloaded/],
    ['context-length', 400, 'context_length_exceeded', /maximum context length/],
  ];

  for (const kind of OPENAI_KINDS) {
    it.each(cases)(`${kind}: %s -> %i %s`, async (step, status, code, message) => {
      const error = await failWith(kind, step);

      expect(error.statusCode).toBe(status);
      expect(error.message).toMatch(message);
      expect(error.data).toMatchObject({ error: { code } });
      const body = JSON.parse(error.responseBody!);
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(error.responseHeaders?.['retry-after']).toBeUndefined();
    });
  }

  it.each(['openai chat', 'openai responses'] as const)(
    '%s: content-filter is a 400 content_policy_violation',
    async kind => {
      const error = await failWith(kind, 'content-filter');

      expect(error.statusCode).toBe(400);
      expect(error.data).toMatchObject({ error: { code: 'content_policy_violation' } });
    },
  );

  it.each(['azure chat', 'azure responses'] as const)(
    "%s: content-filter is Azure's 400 content_filter",
    async kind => {
      const error = await failWith(kind, 'content-filter');

      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(/content management policy/);
      expect(error.data).toMatchObject({ error: { code: 'content_filter' } });
    },
  );

  it.each(OPENAI_KINDS)("%s: credits is a 402 with OpenRouter's numeric code", async kind => {
    const error = await failWith(kind, 'credits');

    expect(error.statusCode).toBe(402);
    expect(error.message).toMatch(/Insufficient credits/);
    expect(error.data).toMatchObject({ error: { code: 402 } });
  });
});

describe('named error steps, OpenRouter-shaped bodies', () => {
  it('credits: 402 { error: { code: 402, message } }', async () => {
    const error = await failWith('openrouter chat', 'credits');

    expect(error.statusCode).toBe(402);
    expect(error.message).toMatch(/Insufficient credits/);
    expect(JSON.parse(error.responseBody!)).toEqual({
      error: { code: 402, message: expect.stringMatching(/Insufficient credits/) },
    });
  });

  it("auth: OpenRouter's own 401", async () => {
    const error = await failWith('openrouter chat', 'auth');

    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('User not found.');
  });

  it.each([
    ['quota', 429, 'insufficient_quota'],
    ['server-error', 500, 'server_error'],
    ['context-length', 400, 'context_length_exceeded'],
  ] as const)('%s: relayed upstream error with the upstream body in metadata.raw', async (step, status, code) => {
    const error = await failWith('openrouter chat', step);

    expect(error.statusCode).toBe(status);
    expect(error.message).toMatch(/^\[OpenAI\] /);
    const body = JSON.parse(error.responseBody!);
    expect(body.error).toMatchObject({ code: status, message: 'Provider returned error' });
    expect(JSON.parse(body.error.metadata.raw)).toMatchObject({ error: { code } });
  });
});

describe('explicit { status } steps', () => {
  it.each(OPENAI_KINDS)('%s: retry-after seconds and retry-after-ms reach responseHeaders', async kind => {
    const error = await failWith(kind, { status: 429, retryAfter: 7, retryAfterMs: 1500 });

    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders).toMatchObject({ 'retry-after': '7', 'retry-after-ms': '1500' });
  });

  it('passes an HTTP-date retry-after through verbatim', async () => {
    const date = 'Wed, 21 Oct 2065 07:28:00 GMT';
    const error = await failWith('openrouter chat', { status: 503, retryAfter: date });

    expect(error.statusCode).toBe(503);
    expect(error.responseHeaders?.['retry-after']).toBe(date);
  });

  it('builds the body from code / type / message', async () => {
    const error = await failWith('openai chat', {
      status: 418,
      code: 'teapot',
      type: 'kitchen_error',
      message: 'I am a teapot',
    });

    expect(error.statusCode).toBe(418);
    expect(error.message).toBe('I am a teapot');
    expect(error.data).toEqual({
      error: { message: 'I am a teapot', type: 'kitchen_error', param: null, code: 'teapot' },
    });
  });

  it('sends a body override as-is', async () => {
    const error = await failWith('openai chat', { status: 502, body: '<html>Bad gateway</html>' });

    expect(error.statusCode).toBe(502);
    expect(error.responseBody).toBe('<html>Bad gateway</html>');
  });

  it('sends an object body override as JSON', async () => {
    const error = await failWith('openrouter chat', {
      status: 402,
      body: { error: { code: 402, message: 'custom', metadata: { why: 'test' } } },
    });

    expect(error.message).toBe('custom');
    expect(JSON.parse(error.responseBody!)).toEqual({
      error: { code: 402, message: 'custom', metadata: { why: 'test' } },
    });
  });
});

describe('errors surface the same way to streaming calls', () => {
  it.each(['openai chat', 'openai responses', 'openrouter chat'] as const)(
    '%s: an HTTP 429 becomes an error part carrying the APICallError',
    async kind => {
      fake.setScript({ failing: 'quota' });
      const outcome = await collectStream(modelsFor(fake, 'failing')[kind]);

      expect(outcome.deltas).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ statusCode: 429 });
      expect(APICallError.isInstance(outcome.errors[0])).toBe(true);
    },
  );
});
