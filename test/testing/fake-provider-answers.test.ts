import { createAzure } from '@ai-sdk/azure';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAnswer, type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { collectStream, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses', 'openrouter chat'];

describe('ok answers through the real provider packages', () => {
  it.each(KINDS)('%s: generateText returns the canonical answer', async kind => {
    const model = modelsFor(fake, 'model-a')[kind];
    const result = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('model-a'));
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(5);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ model: 'model-a', stream: false, step: 'ok', aborted: false });
  });

  it.each(KINDS)('%s: streamText streams the canonical answer in many small deltas', async kind => {
    const model = modelsFor(fake, 'model-b')[kind];
    const outcome = await collectStream(model);

    expect(outcome.errors).toEqual([]);
    expect(outcome.thrown).toBeUndefined();
    expect(outcome.text).toBe(canonicalAnswer('model-b'));
    expect(outcome.deltas.length).toBeGreaterThan(10);
    expect(outcome.finishReason).toBe('stop');
    expect(fake.requests[0]).toMatchObject({ model: 'model-b', stream: true, step: 'ok' });
  });

  it('answers { text } steps with that exact text, streamed and not', async () => {
    const text = 'Custom  answer\nwith odd   spacing ';
    fake.setScript({ custom: { text } });
    const models = modelsFor(fake, 'custom');

    expect((await generateText({ model: models['openai chat'], prompt: 'x', maxRetries: 0 })).text).toBe(text);
    expect((await collectStream(models['openai responses'])).text).toBe(text);
    expect((await collectStream(models['openrouter chat'])).text).toBe(text);
  });

  it.each(KINDS)('%s: streamed usage counts the streamed deltas', async kind => {
    const outcome = await collectStream(modelsFor(fake, 'counted')[kind]);

    expect(outcome.outputTokens).toBe(outcome.deltas.length);
  });
});

describe('request recording and routing', () => {
  it('records provider, api, path and stream flag per request', async () => {
    const models = modelsFor(fake, 'routed');
    await generateText({ model: models['openai chat'], prompt: 'x', maxRetries: 0 });
    await collectStream(models['openai responses']);
    await generateText({ model: models['azure chat'], prompt: 'x', maxRetries: 0 });
    await collectStream(models['azure responses']);
    await collectStream(models['openrouter chat']);

    expect(
      fake.requests.map(({ id, provider, api, path, stream, method }) => ({ id, provider, api, path, stream, method })),
    ).toEqual([
      { id: 1, provider: 'openai', api: 'chat', path: '/v1/chat/completions', stream: false, method: 'POST' },
      { id: 2, provider: 'openai', api: 'responses', path: '/v1/responses', stream: true, method: 'POST' },
      { id: 3, provider: 'azure', api: 'chat', path: '/openai/chat/completions', stream: false, method: 'POST' },
      { id: 4, provider: 'azure', api: 'responses', path: '/openai/responses', stream: true, method: 'POST' },
      { id: 5, provider: 'openrouter', api: 'chat', path: '/api/v1/chat/completions', stream: true, method: 'POST' },
    ]);
    expect(fake.requestsFor('routed')).toHaveLength(5);
    expect(fake.requestsFor('other')).toEqual([]);
    expect(fake.requests[2]!.headers['api-key']).toBe('test');
  });

  it.each(['chat', 'responses'] as const)(
    'Azure deployment-based %s URLs carry the deployment name and api-version',
    async api => {
      const azure = createAzure({
        baseURL: fake.azureBaseURL,
        apiKey: 'test',
        useDeploymentBasedUrls: true,
        apiVersion: '2024-10-21',
      });
      const model = api === 'chat' ? azure.chat('my-gpt4o-deployment') : azure.responses('my-gpt4o-deployment');
      fake.setScript({ 'my-gpt4o-deployment': [{ text: 'from the deployment' }] });

      const result = await generateText({ model, prompt: 'x', maxRetries: 0 });

      expect(result.text).toBe('from the deployment');
      expect(fake.requests[0]).toMatchObject({
        provider: 'azure',
        api,
        model: 'my-gpt4o-deployment',
        path: `/openai/deployments/my-gpt4o-deployment/${api === 'chat' ? 'chat/completions' : 'responses'}`,
        query: { 'api-version': '2024-10-21' },
      });
    },
  );

  it('answers unknown paths with a 404 and records them without consuming steps', async () => {
    fake.setScript({ m: ['quota'] });
    const response = await fetch(`${fake.url}/v1/moderations`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm' }),
    });

    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain('/v1/moderations');
    expect(fake.requests[0]).toMatchObject({ api: 'unknown', step: 'not-found' });

    const next = await generateText({ model: modelsFor(fake, 'm')['openai chat'], prompt: 'x', maxRetries: 0 }).catch(
      (error: unknown) => error,
    );
    expect(next).toMatchObject({ statusCode: 429 });
  });

  it('keepAlive: true lets clients reuse connections', async () => {
    const own = await startFakeProvider({ keepAlive: true });
    try {
      const response = await fetch(`${own.openaiBaseURL}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm' }),
      });
      await response.text();

      expect(response.headers.get('connection')).toBe('keep-alive');
    } finally {
      await own.close();
    }
    expect(own.openConnections()).toBe(0);
  });

  it('closes connections after each response so openConnections() settles at 0', async () => {
    await collectStream(modelsFor(fake, 'idle')['openai chat']);
    await fake.whenIdle();

    expect(fake.openConnections()).toBe(0);
  });
});
