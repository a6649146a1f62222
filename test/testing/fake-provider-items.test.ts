import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider({ script: { 'gpt-5': { reasoning: 'Thinking it over.', text: 'Done.' } } });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const responses = (apiKey: string, baseURL = fake.openaiBaseURL) =>
  createOpenAI({ baseURL, apiKey }).responses('gpt-5');

/** A raw Responses request, as another client would send it. */
async function post(apiKey: string, body: Record<string, unknown>, path = '/v1/responses') {
  const response = await fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-5', ...body }),
  });
  return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown> } };
}

describe('the fake Responses API keeps each account’s items', () => {
  it('answers a { reasoning } step with a reasoning item, streamed and not, read by @ai-sdk/openai', async () => {
    const generated = await generateText({ model: responses('key-a'), prompt: 'Hi', maxRetries: 0 });
    expect(generated.text).toBe('Done.');
    expect(generated.reasoningText).toBe('Thinking it over.');
    expect(generated.content[0]).toMatchObject({
      type: 'reasoning',
      providerMetadata: { openai: { itemId: 'rs_fake1', reasoningEncryptedContent: null } },
    });

    const streamed = streamText({ model: responses('key-a'), prompt: 'Hi', maxRetries: 0 });
    expect(await streamed.reasoningText).toBe('Thinking it over.');
    expect(await streamed.text).toBe('Done.');
    expect(fake.requests.map(request => request.step)).toEqual(['reasoning', 'reasoning']);
  });

  it('sends encrypted reasoning when the request includes it (store: false)', async () => {
    const result = await generateText({
      model: responses('key-a'),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { openai: { store: false } },
    });
    expect(fake.requests[0]!.body.include).toEqual(['reasoning.encrypted_content']);
    const reasoning = result.content[0] as { providerMetadata?: { openai?: { reasoningEncryptedContent?: string } } };
    const encrypted = reasoning.providerMetadata?.openai?.reasoningEncryptedContent;
    expect(encrypted).toMatch(/^gAAAAB/);
    expect(encrypted).not.toContain('key-a');
  });

  it('accepts an account’s own references; refuses another account’s with the real API’s errors', async () => {
    await post('key-a', { input: 'Hi' });
    const encrypted = await ownEncrypted();
    const reference = (id: string) => ({ input: [{ type: 'item_reference', id }] });

    expect((await post('key-a', reference('rs_fake1'))).status).toBe(200);
    expect((await post('key-a', reference('msg_fake1'))).status).toBe(200);
    expect(await post('key-b', reference('rs_fake1'))).toEqual({
      status: 404,
      body: {
        error: {
          message: "Item with id 'rs_fake1' not found.",
          type: 'invalid_request_error',
          param: 'input',
          code: null,
        },
      },
    });
    // Another base URL is another account too, with the same key.
    expect((await post('key-a', reference('rs_fake1'), '/b/v1/responses')).status).toBe(404);
    expect((await post('key-a', reference('rs_nobody'))).status).toBe(404);
    // The item of a request that did not store it.
    const unstored = await post('key-a', reference('rs_fake2'));
    expect(unstored.status).toBe(404);
    expect(unstored.body.error!.message).toContain('Items are not persisted when `store` is set to false.');

    const sendBack = { input: [{ type: 'reasoning', id: 'rs_fake2', encrypted_content: encrypted, summary: [] }] };
    expect((await post('key-a', { ...sendBack, store: false })).status).toBe(200);
    const foreign = await post('key-b', { ...sendBack, store: false });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({
      message: `The encrypted content ${encrypted.slice(0, 4)}...${encrypted.slice(-4)} could not be verified.`,
      code: 'invalid_encrypted_content',
    });
    expect(fake.requests.filter(request => request.step === 'unknown-reference')).toHaveLength(5);
  });

  it('forgets every item on reset()', async () => {
    await post('key-a', { input: 'Hi' });
    fake.reset();
    expect((await post('key-a', { input: [{ type: 'item_reference', id: 'rs_fake1' }] })).status).toBe(404);
  });
});

/** The encrypted content of a new answer's reasoning item, not stored. */
async function ownEncrypted(): Promise<string> {
  const response = await post('key-a', { input: 'Hi', store: false, include: ['reasoning.encrypted_content'] });
  return (response.body as { output: { encrypted_content?: string }[] }).output[0]!.encrypted_content!;
}
