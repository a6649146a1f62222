import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyError } from '../../src/index';
import {
  canonicalAnswer,
  type FakeProvider,
  fakeProviderFetch,
  prefillRemainder,
  startFakeProvider,
} from '../../src/testing/index';
import { trailingAssistantText } from '../../src/testing/prefill';
import { caught, type ModelKind, modelsFor } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.whenIdle();
  fake.setScript({});
  fake.reset();
});
afterAll(() => fake.close());

const KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses', 'openrouter chat'];
const PREFILL = 'Hello from model-a. This is the';
const prefilled = [
  { role: 'user' as const, content: 'Say hello.' },
  { role: 'assistant' as const, content: PREFILL },
];

async function streamedText(kind: ModelKind, modelId: string) {
  const result = streamText({
    model: modelsFor(fake, modelId)[kind],
    messages: prefilled,
    maxRetries: 0,
    onError: () => {},
  });
  const deltas: string[] = [];
  let finishReason: string | undefined;
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
      if (part.type === 'finish') finishReason = part.finishReason;
    }
  } catch {
    // A cut stream may throw instead of ending with an error part; the text so far is what counts.
  }
  return { text: deltas.join(''), finishReason };
}

describe('prefill: a trailing assistant message is continued, not repeated', () => {
  it.each(KINDS)('%s: a stream sends only the rest of the answer', async kind => {
    const { text, finishReason } = await streamedText(kind, 'model-a');

    expect(PREFILL + text).toBe(canonicalAnswer('model-a'));
    expect(finishReason).toBe('stop');
    expect(fake.requests[0]!.prefill).toBe(PREFILL);
  });

  it.each(KINDS)('%s: a non-streaming answer is the rest of the answer too', async kind => {
    const result = await generateText({ model: modelsFor(fake, 'model-a')[kind], messages: prefilled, maxRetries: 0 });

    expect(PREFILL + result.text).toBe(canonicalAnswer('model-a'));
  });

  it('another model with an id of the same length continues into the same coherent sentence', async () => {
    const { text } = await streamedText('openai chat', 'model-b');

    expect(text).toBe(prefillRemainder(canonicalAnswer('model-b'), PREFILL));
    expect(PREFILL + text).toBe(canonicalAnswer('model-a'));
  });

  it('scripted faults apply to the remainder: a cut after N tokens cuts the continuation', async () => {
    fake.setScript({ 'model-a': { cutAfterTokens: 2 } });
    const { text, finishReason } = await streamedText('openai chat', 'model-a');

    expect(finishReason).not.toBe('stop');
    expect(prefillRemainder(canonicalAnswer('model-a'), PREFILL).startsWith(text)).toBe(true);
    expect(text.length).toBeGreaterThan(0);
  });

  it('requests without a trailing assistant message get the whole answer and record no prefill', async () => {
    const result = await generateText({
      model: modelsFor(fake, 'model-a')['openai chat'],
      prompt: 'hi',
      maxRetries: 0,
    });

    expect(result.text).toBe(canonicalAnswer('model-a'));
    expect(fake.requests[0]!.prefill).toBeUndefined();
  });

  it('the fake fetch honours a prefill as the server does', async () => {
    const fetch = fakeProviderFetch({});
    const model = modelsFor({ ...fake, fetch }, 'model-a')['openai responses'];
    const result = await generateText({ model, messages: prefilled, maxRetries: 0 });

    expect(PREFILL + result.text).toBe(canonicalAnswer('model-a'));
    expect(fetch.requests[0]!.prefill).toBe(PREFILL);
  });
});

describe('trailingAssistantText', () => {
  it('reads string content and text parts from chat and Responses bodies', () => {
    expect(
      trailingAssistantText({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'ab' },
        ],
      }),
    ).toBe('ab');
    expect(
      trailingAssistantText({
        input: [
          {
            role: 'assistant',
            content: [
              { type: 'output_text', text: 'a' },
              { type: 'output_text', text: 'b' },
            ],
          },
        ],
      }),
    ).toBe('ab');
  });

  it('ignores a last message from someone else, tool calls and bodies that are not JSON', () => {
    expect(
      trailingAssistantText({
        messages: [
          { role: 'assistant', content: 'a' },
          { role: 'user', content: 'q' },
        ],
      }),
    ).toBeUndefined();
    expect(trailingAssistantText({ input: [{ type: 'function_call', name: 'f', arguments: '{}' }] })).toBeUndefined();
    expect(trailingAssistantText({ messages: [{ role: 'assistant', content: null, tool_calls: [] }] })).toBeUndefined();
    expect(trailingAssistantText(undefined)).toBeUndefined();
  });
});

describe("'reject-prefill'", () => {
  it.each(KINDS)('%s: refuses a prefilled request with a 400 the chain reads as a bad request', async kind => {
    fake.setScript({ 'model-a': 'reject-prefill' });
    const error = await caught(
      generateText({ model: modelsFor(fake, 'model-a')[kind], messages: prefilled, maxRetries: 0 }),
    );

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/does not support assistant message prefill/);
    expect(classifyError(error)).toBe('bad-request');
    expect(fake.requests[0]).toMatchObject({ step: 'reject-prefill', prefill: PREFILL });
  });

  it('answers requests that end with a user message normally', async () => {
    fake.setScript({ 'model-a': 'reject-prefill' });
    const result = await generateText({
      model: modelsFor(fake, 'model-a')['openrouter chat'],
      prompt: 'hi',
      maxRetries: 0,
    });

    expect(result.text).toBe(canonicalAnswer('model-a'));
  });
});
