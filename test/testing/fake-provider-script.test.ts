import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer, type FakeProvider, type FakeRequest, startFakeProvider } from '../../src/testing/index';
import { modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

/** The status code of one non-streaming call, or 200 when it succeeded. */
async function statusOf(model: string): Promise<number> {
  try {
    await generateText({ model: modelsFor(fake, model)['openai chat'], prompt: 'x', maxRetries: 0 });
    return 200;
  } catch (error) {
    return (error as { statusCode?: number }).statusCode ?? -1;
  }
}

describe('script sequences', () => {
  it('consumes one step per request to a model, then answers ok', async () => {
    fake.setScript({ a: ['quota', 'server-error', { status: 418 }] });

    expect([
      await statusOf('a'),
      await statusOf('a'),
      await statusOf('a'),
      await statusOf('a'),
      await statusOf('a'),
    ]).toEqual([429, 500, 418, 200, 200]);
    expect(fake.requestsFor('a').map(request => request.step)).toEqual([
      'quota',
      'server-error',
      'status 418',
      'ok',
      'ok',
    ]);
  });

  it('advances each model on its own', async () => {
    fake.setScript({ a: ['auth', 'ok'], b: ['overloaded', 'ok'] });

    expect(await statusOf('a')).toBe(401);
    expect(await statusOf('b')).toBe(503);
    expect(await statusOf('a')).toBe(200);
    expect(await statusOf('b')).toBe(200);
  });

  it('applies a single step to every request', async () => {
    fake.setScript({ a: 'rate-limit' });

    expect([await statusOf('a'), await statusOf('a'), await statusOf('a')]).toEqual([429, 429, 429]);
  });

  it("uses '*' for unlisted models, with a separate sequence per model", async () => {
    fake.setScript({ '*': ['server-error'], listed: 'ok' });

    expect(await statusOf('x')).toBe(500);
    expect(await statusOf('y')).toBe(500);
    expect(await statusOf('x')).toBe(200);
    expect(await statusOf('listed')).toBe(200);
  });

  it('answers ok for models without a script', async () => {
    fake.setScript({ other: 'quota' });

    expect(await statusOf('free')).toBe(200);
  });

  it('setScript restarts sequences; reset() clears requests in place and restarts ids', async () => {
    const requests = fake.requests;
    fake.setScript({ a: ['quota'] });
    expect(await statusOf('a')).toBe(429);
    expect(await statusOf('a')).toBe(200);

    fake.setScript({ a: ['quota'] });
    expect(await statusOf('a')).toBe(429);

    fake.reset();
    expect(requests).toHaveLength(0);
    expect(await statusOf('a')).toBe(429);
    expect(await statusOf('a')).toBe(200);
    expect(requests.map(request => request.id)).toEqual([1, 2]);
  });

  it('lets a step function decide from the request', async () => {
    const seen: FakeRequest[] = [];
    fake.setScript({
      '*': request => {
        seen.push(request);
        return request.model.startsWith('bad') ? { status: 400, message: 'no' } : { text: `echo ${request.model}` };
      },
    });

    expect(await statusOf('bad-model')).toBe(400);
    const ok = await generateText({ model: modelsFor(fake, 'good')['openai chat'], prompt: 'x', maxRetries: 0 });

    expect(ok.text).toBe('echo good');
    expect(seen.map(request => [request.model, request.api, request.provider])).toEqual([
      ['bad-model', 'chat', 'openai'],
      ['good', 'chat', 'openai'],
    ]);
    expect(fake.requests.map(request => request.step)).toEqual(['status 400', 'text']);
  });

  it('fails the call with a 500 when a step function throws', async () => {
    fake.setScript({
      broken: () => {
        throw new Error('oops');
      },
    });

    expect(await statusOf('broken')).toBe(500);
    expect(fake.requests[0]!.step).toBe('script-error');
  });
});

describe('canonicalAnswer', () => {
  it('is deterministic and names the model', () => {
    expect(canonicalAnswer('m1')).toBe(canonicalAnswer('m1'));
    expect(canonicalAnswer('m1')).not.toBe(canonicalAnswer('m2'));
    expect(canonicalAnswer('m1')).toContain('m1');
  });

  it.each(['Hello from gpt-4o.', '  leading and trailing  ', 'a\n\nb', '', 'supercalifragilistic'])(
    'token split of %j joins back exactly',
    text => {
      const tokens = splitIntoTokens(text);

      expect(tokens.join('')).toBe(text);
      expect(tokens.every(token => token.trim().length <= 4)).toBe(true);
    },
  );
});
