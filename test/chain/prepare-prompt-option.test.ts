import type { LanguageModelV4CallOptions, LanguageModelV4Prompt } from '@ai-sdk/provider';
import {
  convertToModelMessages,
  generateText,
  type ModelMessage,
  readUIMessageStream,
  streamText,
  type UIMessage,
} from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { fallbackMiddleware, withFallback } from '../../src/index';
import { issuesOf as issueOf } from '../helpers/config-error';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

/** A model that records each prompt it receives and answers with reasoning that carries an item id. */
function recording(modelId: string, prompts: LanguageModelV4Prompt[], fails = () => false) {
  return new MockLanguageModelV4({
    modelId,
    doGenerate: async (options: LanguageModelV4CallOptions) => {
      prompts.push(options.prompt);
      if (fails()) throw Object.assign(new Error('overloaded'), { statusCode: 503 });
      return {
        content: [
          { type: 'reasoning', text: 'R', providerMetadata: { mock: { itemId: `rs_${modelId}` } } },
          { type: 'text', text: `from ${modelId}` },
        ],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      };
    },
  });
}

describe('preparePrompt, an entry option', () => {
  it('takes true, false or a function; anything else is refused with its path; a typo is named', () => {
    const model = new MockLanguageModelV4();
    expect(() =>
      withFallback([
        { model, preparePrompt: false },
        { model, preparePrompt: () => [] },
      ]),
    ).not.toThrow();
    expect(issueOf(() => withFallback([{ model, preparePrompt: 'no' as never }]))).toEqual([
      {
        path: 'models[0].preparePrompt',
        message: 'expected true, false, or a function (prompt, { from, to, prepare }) => prompt',
      },
    ]);
    expect(issueOf(() => withFallback([{ model, preparePromt: false } as never]))[0]!.message).toContain(
      "did you mean 'preparePrompt'",
    );
    expect(issueOf(() => fallbackMiddleware([{ model, preparePrompt: 1 as never }]))[0]!.path).toBe(
      'fallbacks[0].preparePrompt',
    );
  });

  it('the tag rides on the answer into the next turn; only the producer gets its parts’ provider options', async () => {
    const toA: LanguageModelV4Prompt[] = [];
    const toB: LanguageModelV4Prompt[] = [];
    let aFails = false;
    const a = recording('a', toA, () => aFails);
    const b = recording('b', toB);
    const model = withFallback(
      [
        { id: 'A', model: a },
        { id: 'B', model: b },
      ],
      {
        maxRetriesPerModel: 0,
        circuitBreaker: false,
      },
    );
    const messages: ModelMessage[] = [{ role: 'user', content: 'one' }];
    const first = await generateText({ model, messages, maxRetries: 0 });
    expect(first.content[0]).toMatchObject({
      providerMetadata: { mock: { itemId: 'rs_a' }, fallback: { producedBy: 'A' } },
    });
    // A part without provider metadata is not tagged.
    expect(first.content[1]).not.toHaveProperty('providerMetadata');
    messages.push(...first.response.messages, { role: 'user', content: 'two' });

    aFails = true;
    await generateText({ model, messages, maxRetries: 0 });
    const reasoningTo = (prompt: LanguageModelV4Prompt | undefined) =>
      prompt
        ?.flatMap(message => (message.role === 'assistant' ? message.content : []))
        .find(part => part.type === 'reasoning');
    expect(reasoningTo(toA.at(-1))).toMatchObject({ providerOptions: { mock: { itemId: 'rs_a' } } });
    expect(reasoningTo(toB.at(-1))).toEqual({ type: 'reasoning', text: 'R' });
  });

  it('streams tag the parts that have provider metadata, as results do; UI messages keep the tag', async () => {
    const model = withFallback([{ id: 'S', model: streamingModel() }]);
    const { messages } = await streamText({ model, prompt: 'hi', maxRetries: 0 }).response;
    const reasoning = {
      type: 'reasoning',
      text: 'R',
      providerOptions: { mock: { itemId: 'rs_1' }, fallback: { producedBy: 'S' } },
    };
    expect(messages[0]!.content).toEqual([reasoning, { type: 'text', text: 'Hi' }]);

    // useChat's way: the UI message stream, stored as UI messages, converted back for the next turn.
    const ui = streamText({ model, prompt: 'hi', maxRetries: 0 }).toUIMessageStream({ sendReasoning: true });
    let message: UIMessage | undefined;
    for await (const update of readUIMessageStream({ stream: ui })) message = update;
    const [history] = await convertToModelMessages([message!]);
    expect(history!.content[0]).toEqual(reasoning);
  });
});

function streamingModel() {
  return new MockLanguageModelV4({
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'reasoning-start', id: 'r', providerMetadata: { mock: { itemId: 'rs_1' } } });
          controller.enqueue({ type: 'reasoning-delta', id: 'r', delta: 'R' });
          controller.enqueue({ type: 'reasoning-end', id: 'r' });
          controller.enqueue({ type: 'text-start', id: 't' });
          controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hi' });
          controller.enqueue({ type: 'text-end', id: 't' });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
          controller.close();
        },
      }),
    }),
  });
}
