import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalAnswer,
  type FakeProvider,
  type FakeStep,
  fakeProviderFetch,
  startFakeProvider,
} from '../../src/testing/index';
import { collectStream, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.whenIdle();
  fake.reset();
});
afterAll(() => fake.close());

const MODEL = 'empty';
const KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses', 'openrouter chat'];
const PATHS = {
  'openai chat': '/v1/chat/completions',
  'openai responses': '/v1/responses',
  'openrouter chat': '/api/v1/chat/completions',
  'azure chat': '/openai/chat/completions',
} as const;

async function post(path: string, stream: boolean, baseURL = fake.url, fetchImpl: typeof fetch = fetch) {
  const response = await fetchImpl(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

/** The `data:` payloads and `event:` names of an SSE body, comments kept as `: …`. */
function sseFrames(body: string): string[] {
  return body
    .split('\n\n')
    .filter(frame => frame !== '')
    .map(frame =>
      frame
        .split('\n')
        .map(line => (line.startsWith('data: ') ? line.slice(6) : line))
        .join(' | '),
    );
}

describe("'html'", () => {
  it.each([true, false])('stream %s: a 200 HTML page, never SSE or JSON', async stream => {
    fake.setScript({ [MODEL]: 'html' });
    const { status, contentType, body } = await post(PATHS['openai chat'], stream);

    expect(status).toBe(200);
    expect(contentType).toBe('text/html; charset=utf-8');
    expect(body).toMatch(/^<!DOCTYPE html>\n<html[\s\S]*<\/html>\n$/);
    expect(body).not.toMatch(/^data:/m);
    expect(fake.requests[0]).toMatchObject({ step: 'html', stream });
  });
});

describe("'empty-body'", () => {
  it('streams: the SSE headers and no body at all', async () => {
    fake.setScript({ [MODEL]: 'empty-body' });

    expect(await post(PATHS['openai responses'], true)).toEqual({
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      body: '',
    });
    expect(fake.requests[0]!.step).toBe('empty-body');
  });

  it('non-streaming: JSON headers with content-length 0', async () => {
    fake.setScript({ [MODEL]: 'empty-body' });
    const response = await fetch(`${fake.url}${PATHS['openai chat']}`, {
      method: 'POST',
      body: JSON.stringify({ model: MODEL }),
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe('0');
    expect(await response.text()).toBe('');
  });
});

describe("'done-only'", () => {
  it.each(Object.values(PATHS))('%s streams: only data: [DONE]', async path => {
    fake.setScript({ [MODEL]: 'done-only' });

    expect(await post(path, true)).toEqual({
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      body: 'data: [DONE]\n\n',
    });
  });
});

describe("'accepted-only'", () => {
  it('openai chat: the role chunk, then the stream ends', async () => {
    fake.setScript({ [MODEL]: 'accepted-only' });
    const frames = sseFrames((await post(PATHS['openai chat'], true)).body);

    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0]!)).toMatchObject({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
  });

  it('openrouter: its processing comment and the role chunk', async () => {
    fake.setScript({ [MODEL]: 'accepted-only' });
    const frames = sseFrames((await post(PATHS['openrouter chat'], true)).body);

    expect(frames[0]).toBe(': OPENROUTER PROCESSING');
    expect(frames).toHaveLength(2);
    expect(JSON.parse(frames[1]!).choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
  });

  it('azure chat: the prompt-filter chunk and the role chunk', async () => {
    fake.setScript({ [MODEL]: 'accepted-only' });
    const frames = sseFrames((await post(PATHS['azure chat'], true)).body).map(frame => JSON.parse(frame));

    expect(frames).toHaveLength(2);
    expect(frames[0]).toMatchObject({ choices: [], prompt_filter_results: [{ prompt_index: 0 }] });
    expect(frames[1].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
  });

  it('responses: response.created and response.in_progress, then the stream ends', async () => {
    fake.setScript({ [MODEL]: 'accepted-only' });
    const frames = sseFrames((await post(PATHS['openai responses'], true)).body);

    expect(frames.map(frame => frame.split(' | ')[0])).toEqual([
      'event: response.created',
      'event: response.in_progress',
    ]);
  });
});

describe('stream-only steps answer non-streaming requests normally', () => {
  it.each(['done-only', 'accepted-only'] as const)('%s', async step => {
    fake.setScript({ [MODEL]: step });
    const result = await generateText({ model: modelsFor(fake, MODEL)['openai chat'], prompt: 'x', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer(MODEL));
    expect(fake.requests[0]!.step).toBe(step);
  });
});

describe('a JSON error body with status 200 is the HTTP error step with a body', () => {
  const body = { error: { message: 'Upstream failed', type: 'server_error' } };

  it.each([true, false])('stream %s: exactly that body, status 200', async stream => {
    fake.setScript({ [MODEL]: { status: 200, body } });
    const response = await post(PATHS['openrouter chat'], stream);

    expect(response).toEqual({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    expect(fake.requests[0]!.step).toBe('status 200');
  });
});

describe('through the real provider packages', () => {
  const STREAM_STEPS: FakeStep[] = [
    'html',
    'empty-body',
    'done-only',
    'accepted-only',
    { status: 200, body: { error: { message: 'Upstream failed', type: 'server_error' } } },
  ];

  it.each(KINDS.flatMap(kind => STREAM_STEPS.map(step => ({ kind, step }))))(
    '$kind $step: a stream with no text, no error and no stop',
    async ({ kind, step }) => {
      fake.setScript({ [MODEL]: step });
      const outcome = await collectStream(modelsFor(fake, MODEL)[kind]);

      expect(outcome.deltas.join('')).toBe('');
      expect(outcome.errors).toEqual([]);
      expect(outcome.thrown).toBeUndefined();
      expect(outcome.finishReason).not.toBe('stop');
    },
  );
});

describe('fakeProviderFetch sends the same bytes', () => {
  const STEPS: FakeStep[] = ['html', 'empty-body', 'done-only', 'accepted-only'];

  it.each(STEPS.flatMap(step => [true, false].map(stream => ({ step, stream }))))(
    '$step, stream $stream',
    async ({ step, stream }) => {
      fake.setScript({ [MODEL]: step });
      const viaServer = await post(PATHS['openrouter chat'], stream);
      const viaFetch = await post(
        PATHS['openrouter chat'],
        stream,
        'https://openrouter.ai',
        fakeProviderFetch({ [MODEL]: step }),
      );

      // Timestamps differ when the two requests straddle a second.
      const stable = (response: typeof viaServer) => ({
        ...response,
        body: response.body.replace(/"created":\d+/g, '"created":0'),
      });
      expect(stable(viaFetch)).toEqual(stable(viaServer));
    },
  );
});
