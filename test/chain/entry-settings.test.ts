import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { MockLanguageModelV3, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type FallbackEntrySettings, fallbackMiddleware, withFallback } from '../../src/index';
import { fakeProviderFetch } from '../../src/testing/index';
import { configErrorOf as errorOf } from '../helpers/config-error';

const model = (modelId: string) => new MockLanguageModelV4({ modelId });

/** The one issue of a backup entry with these settings. */
function settingsIssue(settings: unknown) {
  const error = errorOf(() => withFallback([model('a'), { model: model('b'), settings: settings as never }]));
  expect(error.issues).toHaveLength(1);
  return error.issues[0]!;
}

const CALL_ONLY = "the chain does not let an entry replace the caller's";

describe('entry settings are checked at construction against the call options an entry may override', () => {
  it.each<[string, unknown, string, string]>([
    [
      'the V1 name maxTokens',
      { maxTokens: 5 },
      'settings.maxTokens',
      "unknown option (did you mean 'maxOutputTokens'?)",
    ],
    [
      'a snake_case name',
      { max_output_tokens: 5 },
      'settings.max_output_tokens',
      "unknown option (did you mean 'maxOutputTokens'?)",
    ],
    ['a typo', { temprature: 0.2 }, 'settings.temprature', "unknown option (did you mean 'temperature'?)"],
    [
      'V1 providerMetadata',
      { providerMetadata: {} },
      'settings.providerMetadata',
      "unknown option (did you mean 'providerOptions'?)",
    ],
    ['a temperature that is not a number', { temperature: 'hot' }, 'settings.temperature', 'expected a number'],
    ['a fractional token limit', { maxOutputTokens: 1.5 }, 'settings.maxOutputTokens', 'expected a whole number >= 1'],
    ['no tokens at all', { maxOutputTokens: 0 }, 'settings.maxOutputTokens', 'expected a whole number >= 1'],
    ['a fractional seed', { seed: 0.5 }, 'settings.seed', 'expected a whole number'],
    [
      'stop sequences as one string',
      { stopSequences: 'END' },
      'settings.stopSequences',
      'expected an array of strings',
    ],
    ['an unknown reasoning effort', { reasoning: 'hihg' }, 'settings.reasoning', "(did you mean 'high'?)"],
    ['a header that is not a string', { headers: { 'x-team': 7 } }, 'settings.headers.x-team', 'expected a string'],
    [
      'provider options not keyed by provider',
      { providerOptions: { openai: 'store' } },
      'settings.providerOptions.openai',
      "expected an object of this provider's options",
    ],
    ['settings that are not an object', 'fast', 'settings', 'expected an object of call options'],
    [
      'prompt',
      { prompt: [{ role: 'user', content: 'other' }] },
      'settings.prompt',
      `${CALL_ONLY} prompt; set it in the call`,
    ],
    ['messages', { messages: [] }, 'settings.messages', `${CALL_ONLY} prompt; set it in the call`],
    ['system', { system: 'Be brief.' }, 'settings.system', `${CALL_ONLY} prompt; set it in the call`],
    ['tools', { tools: [] }, 'settings.tools', `${CALL_ONLY} tools; set it in the call`],
    ['toolChoice', { toolChoice: 'none' }, 'settings.toolChoice', `${CALL_ONLY} tools; set it in the call`],
    [
      'responseFormat',
      { responseFormat: { type: 'json' } },
      'settings.responseFormat',
      `${CALL_ONLY} output format; set it in the call`,
    ],
    [
      'abortSignal',
      { abortSignal: new AbortController().signal },
      'settings.abortSignal',
      `${CALL_ONLY} abort signal; set it in the call`,
    ],
  ])('%s', (_, settings, path, message) => {
    const issue = settingsIssue(settings);
    expect(issue.path).toBe(`models[1].${path}`);
    expect(issue.message).toContain(message);
  });

  it('names the field in the message, with the caller and every problem at once', () => {
    const error = errorOf(() =>
      withFallback([model('a'), { model: model('b'), settings: { maxTokens: 5, temperature: 'hot' } as never }]),
    );
    expect(error).toBeInstanceOf(TypeError);
    const [first, ...lines] = error.message.split('\n');
    expect(first).toBe('withFallback: invalid entry:');
    expect(lines.sort()).toEqual([
      "  models[1].settings.maxTokens: unknown option (did you mean 'maxOutputTokens'?)",
      '  models[1].settings.temperature: expected a number',
    ]);
  });

  it('points a call option written on the entry itself to its settings', () => {
    const error = errorOf(() => withFallback([model('a'), { model: model('b'), temperature: 0.2 } as never]));
    expect(error.message).toContain(
      'models[1].temperature: unknown option; call options of an entry go in its settings (settings.temperature)',
    );
  });

  it("checks fallbackMiddleware's fallbacks the same way", () => {
    const error = errorOf(() => fallbackMiddleware([{ model: model('b'), settings: { maxTokens: 5 } as never }]));
    expect(error.message).toContain(
      "fallbacks[0].settings.maxTokens: unknown option (did you mean 'maxOutputTokens'?)",
    );
  });

  it('still refuses reasoning on a V3 chain, with the same error type', () => {
    const v3 = new MockLanguageModelV3({ modelId: 'old' });
    const error = errorOf(() => withFallback([v3, { model: v3, settings: { reasoning: 'high' } }]));
    expect(error.issues[0]!.path).toBe('models[1].settings.reasoning');
  });

  it('sends every valid setting to the provider of the entry that answers', async () => {
    const fetch = fakeProviderFetch({ 'gpt-4o': 'server-error' });
    const openai = createOpenAI({ apiKey: 'test', fetch });
    const settings: FallbackEntrySettings = {
      maxOutputTokens: 64,
      temperature: 0.2,
      stopSequences: ['END'],
      topP: 0.9,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      seed: 42,
      headers: { 'x-team': 'search', 'x-unset': undefined },
      providerOptions: { openai: { user: 'u1' } },
    };
    const chain = withFallback([openai.chat('gpt-4o'), { model: openai.chat('gpt-4o-mini'), settings }], {
      maxRetriesPerModel: 0,
    });

    await generateText({ model: chain, prompt: 'hi', temperature: 0.9, maxRetries: 0 });

    const [primary, backup] = fetch.requests;
    expect(primary!.body).toMatchObject({ temperature: 0.9 });
    expect(backup!.body).toMatchObject({
      max_tokens: 64,
      temperature: 0.2,
      stop: ['END'],
      top_p: 0.9,
      presence_penalty: 0.1,
      frequency_penalty: 0.3,
      seed: 42,
      user: 'u1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(backup!.headers['x-team']).toBe('search');
  });
});
