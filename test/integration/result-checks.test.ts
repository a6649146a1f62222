import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { generateObject, generateText, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { type FallbackConfig, type FallbackMetadata, withFallback } from '../../src/index';
import { canonicalAnswer, type FakeStep } from '../../src/testing/index';
import { call, fakeProviderForFile, type Operation } from './helpers';

// Issue 14: a 200 that is a bad answer (a filter, a refusal, JSON that is not what was asked,
// or one the app's own check rejects) falls back like an error of that type.
const fake = fakeProviderForFile();

const openai = () => createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
const azure = () => createAzure({ baseURL: fake.azureBaseURL, apiKey: 'test-key' });
const FAST: FallbackConfig = { backoff: { initialDelayMs: 1, jitter: false } };
const OPERATIONS: Operation[] = ['generate', 'stream'];

const person = z.object({ name: z.string(), age: z.number() });
const ADA = '{"name":"Ada","age":36}';

describe('content filter: Azure answers 200 with finish reason content_filter', () => {
  it.each(
    OPERATIONS.flatMap(operation => [
      { operation, api: 'chat' as const },
      { operation, api: 'responses' as const },
    ]),
  )('$api $operation: OpenAI, which catches content-filter, answers', async ({ operation, api }) => {
    fake.setScript({ filtered: 'finish-content-filter' });
    const primary = api === 'chat' ? azure().chat('filtered') : azure()('filtered');
    const chain = withFallback(
      [primary, { model: openai().chat('gpt-4o-mini'), catchErrors: ['content-filter'] }],
      FAST,
    );
    const outcome = await call(chain, operation);

    expect(outcome.thrown).toBeUndefined();
    expect(outcome.text).toBe(canonicalAnswer('gpt-4o-mini'));
    expect(outcome.fallback?.servedBy).toMatchObject({ index: 1, modelId: 'gpt-4o-mini' });
    expect(outcome.fallback?.caught).toHaveLength(1);
    expect(outcome.fallback?.caught[0]).toMatchObject({ type: 'content-filter', modelId: 'filtered' });
    expect(outcome.fallback?.caught[0]?.message).toContain('finish reason content-filter');
    expect(fake.requestsFor('filtered')).toHaveLength(1);
  });

  it.each(OPERATIONS)('%s: without content-filter in catchErrors, the filtered answer stands', async operation => {
    fake.setScript({ filtered: 'finish-content-filter' });
    const chain = withFallback([azure().chat('filtered'), openai().chat('gpt-4o-mini')], FAST);
    const outcome = await call(chain, operation);

    expect(outcome.thrown).toBeUndefined();
    expect(outcome.finishReason).toBe('content-filter');
    expect(outcome.fallback?.servedBy).toMatchObject({ index: 0 });
    expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual(['content-filter']);
    expect(fake.requestsFor('gpt-4o-mini')).toHaveLength(0);
  });

  // A streamed refusal arrives as text; only its finish says it was one: judged with commit 'finish'.
  it.each(OPERATIONS)('%s: a structured-output refusal is a content-filter failure', async operation => {
    fake.setScript({ refuses: 'refusal' });
    const chain = withFallback(
      [openai().chat('refuses'), { model: openai().chat('gpt-4o-mini'), catchErrors: ['content-filter'] }],
      { ...FAST, commit: 'finish' },
    );
    const outcome = await call(chain, operation);

    expect(outcome.text).toBe(canonicalAnswer('gpt-4o-mini'));
    expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual(['content-filter']);
  });
});

describe('invalid output: the call asked for JSON', () => {
  it('generateObject: JSON that misses a required field falls back; the schema path is in the message', async () => {
    fake.setScript({ cheap: 'json:{"name":"Ada"}', better: `json:${ADA}` });
    const chain = withFallback([openai().chat('cheap'), openai().chat('better')], FAST);
    const result = await generateObject({ model: chain, schema: person, prompt: 'Who?', maxRetries: 0 });

    expect(result.object).toEqual({ name: 'Ada', age: 36 });
    const fallback = result.providerMetadata?.fallback as unknown as FallbackMetadata;
    expect(fallback.servedBy.modelId).toBe('better');
    expect(fallback.caught).toHaveLength(1);
    expect(fallback.caught[0]!.type).toBe('invalid-output');
    expect(fallback.caught[0]!.message).toContain('schema: /age is required');
    // The failed attempt's tokens were billed: they count in totalUsage.
    expect(fallback.caught[0]!.usage?.outputTokens).toBeGreaterThan(0);
    expect(fallback.totalUsage!.outputTokens).toBe(
      fallback.caught[0]!.usage!.outputTokens! + (result.usage.outputTokens ?? 0),
    );
  });

  it.each(OPERATIONS)('%s with Output.object: the fallback valid object is the output', async operation => {
    fake.setScript({ cheap: 'json:{"name":"Ada","age":"old"}', better: `json:${ADA}` });
    const chain = withFallback(
      [
        { model: openai().chat('cheap'), commit: 'finish' },
        { model: openai().chat('better'), commit: 'finish' },
      ],
      FAST,
    );
    const base = { model: chain, output: Output.object({ schema: person }), prompt: 'Who?', maxRetries: 0 };
    let output: unknown;
    let fallback: FallbackMetadata | undefined;
    if (operation === 'generate') {
      const result = await generateText(base);
      output = result.output;
      fallback = result.providerMetadata?.fallback as unknown as FallbackMetadata;
    } else {
      const result = streamText(base);
      output = await result.output;
      fallback = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    }
    expect(output).toEqual({ name: 'Ada', age: 36 });
    expect(fallback?.caught.map(caught => [caught.type, caught.message])).toEqual([
      ['invalid-output', expect.stringContaining('schema: /age must be number')],
    ]);
  });

  it('text that is not JSON is invalid output at its position, caught by default and not retried', async () => {
    fake.setScript({ cheap: 'invalid-json', better: 'json:{}' });
    const chain = withFallback([openai().chat('cheap'), openai().chat('better')], FAST);
    const result = await generateText({ model: chain, output: Output.json(), prompt: 'JSON', maxRetries: 0 });

    const fallback = result.providerMetadata?.fallback as unknown as FallbackMetadata;
    expect(fallback.caught.map(caught => caught.type)).toEqual(['invalid-output']);
    expect(fallback.caught[0]!.message).toContain('invalid JSON at position 23');
    expect(fake.requestsFor('cheap')).toHaveLength(1);
  });

  it.each(OPERATIONS)(
    '%s: on the last entry a rejected answer is handed back as it is, the failed check in caught',
    async operation => {
      fake.setScript({ only: { text: "Sorry, I can't help with that." } });
      const bare = await call(openai().chat('only'), operation);
      const chain = withFallback([openai().chat('only')], {
        ...FAST,
        commit: 'finish',
        checkResult: () => 'invalid-output',
      });
      const outcome = await call(chain, operation);

      expect(outcome.thrown).toBeUndefined();
      expect({ text: outcome.text, finishReason: outcome.finishReason, errors: outcome.errors }).toEqual({
        text: bare.text,
        finishReason: bare.finishReason,
        errors: bare.errors,
      });
      expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual(['invalid-output']);
    },
  );

  it('generateObject on the last entry: the SDK reports the invalid object as it does for the bare model', async () => {
    fake.setScript({ only: 'json:{"name":"Ada"}' });
    const ask = (model: Parameters<typeof generateObject>[0]['model']) =>
      generateObject({ model, schema: person, prompt: 'Who?', maxRetries: 0 }).then(
        () => 'resolved',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    const bare = await ask(openai().chat('only'));
    expect(bare).toMatch(/^AI_NoObjectGeneratedError/);
    expect(await ask(withFallback([openai().chat('only')], FAST))).toBe(bare);
  });
});

describe("commit: 'finish'", () => {
  // Words of up to four characters: one token each.
  const LONG = Array.from({ length: 40 }, (_, index) => `w${index}`).join(' ');

  it('the primary streams 30 tokens, then content-filter: the consumer sees only the fallback', async () => {
    const step: FakeStep = { contentFilterAfterTokens: 30, text: LONG };
    fake.setScript({ primary: step });
    const chain = withFallback(
      [openai().chat('primary'), { model: openai().chat('backup'), catchErrors: ['content-filter'] }],
      { ...FAST, commit: 'finish' },
    );
    const finishes: { text: string; finishReason: string }[] = [];
    const result = streamText({
      model: chain,
      prompt: 'Say hello.',
      maxRetries: 0,
      onFinish: event => {
        finishes.push({ text: event.text, finishReason: event.finishReason });
      },
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.join('')).toBe(canonicalAnswer('backup'));
    expect(finishes).toEqual([{ text: canonicalAnswer('backup'), finishReason: 'stop' }]);
    const fallback = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(fallback.caught.map(caught => caught.type)).toEqual(['content-filter']);
    expect(fallback.caught[0]!.usage?.outputTokens).toBe(30);
  });

  it("with 'first-output', the same stream is the answer: it was committed at its first token", async () => {
    fake.setScript({ primary: { contentFilterAfterTokens: 30, text: LONG } });
    const chain = withFallback(
      [openai().chat('primary'), { model: openai().chat('backup'), catchErrors: ['content-filter'] }],
      FAST,
    );
    const outcome = await call(chain, 'stream');

    expect(outcome.text).toBe(LONG.split(' ').slice(0, 30).join(' '));
    expect(outcome.finishReason).toBe('content-filter');
    expect(fake.requestsFor('backup')).toHaveLength(0);
  });
});

describe("commit: 'finish' and the clocks", () => {
  it('firstChunkMs bounds the wait for the first output, not for the whole held answer', async () => {
    fake.setScript({ primary: { stallAfterTokens: 2, forMs: 300 } });
    const chain = withFallback([openai().chat('primary'), openai().chat('backup')], {
      ...FAST,
      commit: 'finish',
      timeouts: { firstChunkMs: 150 },
    });
    const outcome = await call(chain, 'stream');

    expect(outcome.text).toBe(canonicalAnswer('primary'));
    expect(outcome.fallback?.caught).toEqual([]);
  });

  it('an error after output falls back invisibly: it came before the commit point', async () => {
    fake.setScript({ primary: { errorAfterTokens: 5 } });
    const chain = withFallback([openai().chat('primary'), openai().chat('backup')], {
      ...FAST,
      maxRetriesPerModel: 0,
      commit: 'finish',
    });
    const outcome = await call(chain, 'stream');

    expect([outcome.text, outcome.errors, outcome.finishReason]).toEqual([canonicalAnswer('backup'), [], 'stop']);
    expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual(['provider-unavailable']);
  });

  it.each(OPERATIONS)("%s: a checkResult that never answers is ended by the attempt's clocks", async operation => {
    let aborted = false;
    const chain = withFallback(
      [{ model: openai().chat('primary'), timeouts: { requestMs: 150, chunkIdleMs: 150 } }, openai().chat('backup')],
      {
        ...FAST,
        commit: 'finish',
        checkResult: (_, context) =>
          context.modelId === 'backup'
            ? undefined
            : new Promise(() => {
                context.abortSignal.addEventListener('abort', () => {
                  aborted = true;
                });
              }),
      },
    );
    const outcome = await call(chain, operation);

    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback?.caught.map(caught => caught.type)).toEqual(['timeout']);
    expect(aborted).toBe(true);
  });
});

describe('checkResult', () => {
  const refusing = (text: string) => (text.includes("I can't help") ? ('invalid-output' as const) : undefined);

  it.each(OPERATIONS)('%s: an answer the check rejects moves to the fallback', async operation => {
    fake.setScript({ primary: { text: "Sorry, I can't help with that." } });
    const seen: unknown[] = [];
    const chain = withFallback([openai().chat('primary'), openai().chat('backup')], {
      ...FAST,
      commit: 'finish',
      checkResult: (result, context) => {
        seen.push({ entry: context.modelId, attempt: context.attempt, operation: context.operation });
        return refusing(result.text);
      },
    });
    const outcome = await call(chain, operation);

    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback?.caught.map(caught => [caught.type, caught.message])).toEqual([
      ['invalid-output', expect.stringContaining("checkResult returned 'invalid-output'")],
    ]);
    expect(seen).toEqual([
      { entry: 'primary', attempt: 1, operation },
      { entry: 'backup', attempt: 1, operation },
    ]);
  });

  it.each(OPERATIONS)('%s: a check that throws leaves the answer standing, logged once', async operation => {
    const warnings: string[] = [];
    const chain = withFallback([openai().chat('primary'), openai().chat('backup')], {
      ...FAST,
      commit: 'finish',
      logger: { warn: message => warnings.push(message) },
      checkResult: async () => {
        throw new Error('judge unavailable');
      },
    });
    const outcome = await call(chain, operation);

    expect(outcome.text).toBe(canonicalAnswer('primary'));
    expect(outcome.fallback?.caught).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('checkResult threw')]);
    expect(warnings[0]).toContain('judge unavailable');
    expect(fake.requestsFor('backup')).toHaveLength(0);
  });
});
