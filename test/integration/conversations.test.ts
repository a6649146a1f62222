// A conversation whose turns are answered by different entries: OpenAI Responses on account A, the
// same provider on account B, and a gateway that speaks the Responses API under another provider
// name (it reads the same `providerOptions.openai` fields). The fake keeps each account's items as
// the real API does and refuses another account's references, so these tests fail without the
// preparation of each entry's prompt.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type ModelMessage, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { type FallbackEntry, type FallbackPreparePrompt, withFallback } from '../../src/index';
import type { FakeRequest } from '../../src/testing/index';
import { fakeProviderForFile } from './helpers';

const fake = fakeProviderForFile();
const MODEL = 'gpt-5';
const KEYS = { 'openai-a': 'key-a', 'openai-b': 'key-b', gateway: 'key-gw' } as const;
type EntryId = keyof typeof KEYS;

// The SDK's console warnings for skipped parts: the tests read them from the results instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
const warnings: unknown[] = [];

/** Accounts whose requests get a 429; the others answer with a reasoning item and text. */
const down = new Set<EntryId>();

function script(turn: () => number) {
  fake.setScript({
    [MODEL]: (request: FakeRequest) => {
      const id = (Object.keys(KEYS) as EntryId[]).find(key => request.headers.authorization === `Bearer ${KEYS[key]}`)!;
      if (down.has(id)) return 'rate-limit';
      return { reasoning: `Thinking about turn ${turn()}.`, text: `Answer ${turn()} from ${id}.` };
    },
  });
}

function chain(
  preparePrompt?: FallbackEntry['preparePrompt'],
  ids: readonly EntryId[] = ['openai-a', 'openai-b', 'gateway'],
) {
  const models = {
    'openai-a': createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: KEYS['openai-a'] }).responses(MODEL),
    'openai-b': createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: KEYS['openai-b'] }).responses(MODEL),
    gateway: createOpenAI({ name: 'gateway', baseURL: `${fake.url}/gateway/v1`, apiKey: KEYS.gateway }).responses(
      MODEL,
    ),
  };
  return withFallback(
    ids.map(id => ({ id, model: models[id], ...(preparePrompt === undefined ? {} : { preparePrompt }) })),
    { maxRetriesPerModel: 1, backoff: { initialDelayMs: 1, jitter: false }, circuitBreaker: false },
  );
}

/** One turn, streamed or not, as an app runs it; the answer's messages join the history. */
async function turn(
  model: ReturnType<typeof chain>,
  messages: ModelMessage[],
  question: string,
  operation: 'generate' | 'stream',
  providerOptions?: { openai: Record<string, string | boolean> },
) {
  messages.push({ role: 'user', content: question });
  const call = { model, messages, maxRetries: 0, ...(providerOptions === undefined ? {} : { providerOptions }) };
  if (operation === 'generate') {
    const result = await generateText(call);
    messages.push(...result.response.messages);
    warnings.push(...result.warnings!);
    return result.text;
  }
  let thrown: unknown;
  const result = streamText({ ...call, onError: ({ error }) => (thrown = error) });
  // A failed stream rejects `text` with the SDK's "no output"; the provider's error is the one to see.
  const text = await Promise.resolve(result.text).catch((error: unknown) => Promise.reject(thrown ?? error));
  messages.push(...(await result.response).messages);
  warnings.push(...(await result.warnings)!);
  return text;
}

/** The ids of the items a request's input refers to, and of the encrypted contents it sends. */
function references(request: FakeRequest | undefined): string[] {
  const input = (request?.body?.input ?? []) as { type: string; id?: string; encrypted_content?: string }[];
  return input.flatMap(item =>
    item.type === 'item_reference' ? [item.id!] : item.encrypted_content ? [`encrypted ${item.id}`] : [],
  );
}

const lastRequest = (key: string) =>
  fake.requests
    .filter(request => request.headers.authorization === `Bearer ${key}` && request.step !== 'rate-limit')
    .at(-1);

describe('a conversation answered by another account and a gateway', () => {
  it('succeeds on every turn: each entry gets only its own references', async () => {
    let number = 1;
    script(() => number);
    down.clear();
    warnings.length = 0;
    const model = chain();
    const messages: ModelMessage[] = [];

    expect(await turn(model, messages, 'Question 1', 'stream')).toBe('Answer 1 from openai-a.');
    // The answer's parts say who produced them, and carry account A's item ids.
    const reasoning = (messages[1] as { content: { type: string; providerOptions?: unknown }[] }).content[0]!;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      text: 'Thinking about turn 1.',
      providerOptions: { openai: { itemId: 'rs_fake1' }, fallback: { producedBy: 'openai-a' } },
    });

    number = 2;
    down.add('openai-a');
    expect(await turn(model, messages, 'Question 2', 'generate')).toBe('Answer 2 from openai-b.');
    const toB = lastRequest(KEYS['openai-b']);
    expect(references(toB)).toEqual([]);
    expect(JSON.stringify(toB!.body.input)).toContain('Answer 1 from openai-a.');
    // The foreign reasoning went as plain reasoning text, which @ai-sdk/openai cannot send and skips.
    expect(JSON.stringify(warnings)).toContain('Non-OpenAI reasoning parts are not supported');

    number = 3;
    down.add('openai-b');
    expect(await turn(model, messages, 'Question 3', 'stream')).toBe('Answer 3 from gateway.');
    const toGateway = lastRequest(KEYS.gateway);
    expect(references(toGateway)).toEqual([]);
    expect(JSON.stringify(toGateway!.body.input)).toContain('Answer 2 from openai-b.');

    // Account A is back: its own items go as references again, the others' as plain messages.
    number = 4;
    down.clear();
    expect(await turn(model, messages, 'Question 4', 'generate')).toBe('Answer 4 from openai-a.');
    const turn1 = fake.requests.find(request => request.step === 'reasoning')!;
    expect(references(lastRequest(KEYS['openai-a']))).toEqual([`rs_fake${turn1.id}`, `msg_fake${turn1.id}`]);
    expect(fake.requests.map(request => request.step)).not.toContain('unknown-reference');
  });

  it.each([
    ['account B', ['openai-a', 'openai-b'] as const, "Item with id 'rs_fake1' not found."],
    ['the gateway', ['openai-a', 'gateway'] as const, "Item with id 'rs_fake1' not found."],
  ])('with preparePrompt: false, %s gets account A’s references and the fake answers 404', async (_, ids, message) => {
    script(() => 1);
    down.clear();
    const model = chain(false, ids);
    const messages: ModelMessage[] = [];
    await turn(model, messages, 'Question 1', 'stream');

    down.add('openai-a');
    await expect(turn(model, messages, 'Question 2', 'generate')).rejects.toThrow(message);
    const refused = fake.requests.at(-1)!;
    expect(refused.headers.authorization).toBe(`Bearer ${KEYS[ids[1]]}`);
    expect(refused.step).toBe('unknown-reference');
  });

  it.each([
    [true, undefined],
    [false, 'could not be verified'],
  ])(
    'store: false, preparePrompt %s: encrypted reasoning of account A goes to account A only',
    async (prepare, failure) => {
      script(() => 1);
      down.clear();
      const model = chain(prepare, ['openai-a', 'openai-b']);
      const store = { openai: { store: false } };
      const messages: ModelMessage[] = [];
      await turn(model, messages, 'Question 1', 'generate', store);
      expect(JSON.stringify(messages[1])).toContain('reasoningEncryptedContent":"gAAAAB');

      down.add('openai-a');
      const second = turn(model, messages, 'Question 2', 'stream', store);
      if (failure !== undefined) {
        await expect(second).rejects.toThrow(failure);
        return;
      }
      expect(await second).toBe('Answer 1 from openai-b.');
      expect(references(lastRequest(KEYS['openai-b']))).toEqual([]);
      // Back on account A, its encrypted reasoning is sent again.
      down.clear();
      await turn(model, messages, 'Question 3', 'generate', store);
      expect(references(lastRequest(KEYS['openai-a']))).toEqual(['encrypted rs_fake1']);
    },
  );
});

describe('the preparePrompt hook', () => {
  it('is called per entry with who produced the history and who is next; what it returns is sent', async () => {
    script(() => 1);
    down.clear();
    const seen: { from: readonly string[]; to: string }[] = [];
    let keep = false;
    const hook: FallbackPreparePrompt = (prompt, { from, to, prepare }) => {
      seen.push({ from, to: to.id });
      return keep ? prompt : prepare(prompt);
    };
    const model = chain(hook, ['openai-a', 'openai-b']);
    const messages: ModelMessage[] = [];
    await turn(model, messages, 'Question 1', 'generate');
    expect(seen).toEqual([{ from: [], to: 'openai-a' }]);

    down.add('openai-a');
    seen.length = 0;
    expect(await turn(model, messages, 'Question 2', 'stream')).toBe('Answer 1 from openai-b.');
    expect(seen).toEqual([
      { from: ['openai-a'], to: 'openai-a' },
      { from: ['openai-a'], to: 'openai-a' },
      { from: ['openai-a'], to: 'openai-b' },
    ]);

    // A hook that keeps the prompt as it is sends account A's references to account B.
    keep = true;
    await expect(turn(model, messages.slice(0, 2), 'Question 2', 'generate')).rejects.toThrow(
      "Item with id 'rs_fake1' not found.",
    );
  });
});
