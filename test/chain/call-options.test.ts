import { generateText, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { planCall } from '../../src/chain/call-chain';
import { parseCallOptions } from '../../src/chain/call-options-schema';
import { createChain, resolveEntries, resolveOptions } from '../../src/chain/options';
import { FallbackConfigError } from '../../src/config/index';
import { fallbackMiddleware, withFallback } from '../../src/index';
import { callFallbackOptions, withoutFallbackOptions } from '../../src/versions/call-fallback-options';
import { v4Adapter } from '../../src/versions/v4-adapter';
import { generateResult } from '../helpers/mock-models';

const IDS = ['openai', 'openrouter', 'azure'];

function issuesOf(value: unknown) {
  try {
    parseCallOptions(value, IDS);
  } catch (error) {
    expect(FallbackConfigError.isInstance(error)).toBe(true);
    return (error as FallbackConfigError).issues;
  }
  throw new Error('expected the settings to be refused');
}

describe('providerOptions.fallback is checked with the chain’s field schemas', () => {
  it.each<[string, unknown, string, string]>([
    ['not an object', true, 'providerOptions.fallback', 'expected an object of fallback settings'],
    [
      'an unknown key',
      { entires: ['azure'] },
      'providerOptions.fallback.entires',
      "unknown option (did you mean 'entries'?)",
    ],
    ['an empty entries list', { entries: [] }, 'providerOptions.fallback.entries', 'expected at least one entry id'],
    ['an id that is not a string', { entries: [1] }, 'providerOptions.fallback.entries[0]', 'expected an entry id'],
    [
      'an unknown id',
      { entries: ['router'] },
      'providerOptions.fallback.entries[0]',
      "unknown entry id; the chain's entries are 'openai', 'openrouter', 'azure'",
    ],
    [
      'an id close to a known one',
      { entries: ['Azure'] },
      'providerOptions.fallback.entries[0]',
      "unknown entry id (did you mean 'azure'?); the chain's entries are 'openai', 'openrouter', 'azure'",
    ],
    [
      'an id listed twice',
      { entries: ['azure', 'openai', 'azure'] },
      'providerOptions.fallback.entries[2]',
      "'azure' is listed twice",
    ],
    [
      'a negative retry count',
      { maxRetriesPerModel: -1 },
      'providerOptions.fallback.maxRetriesPerModel',
      'expected a whole number >= 0',
    ],
    [
      'a misspelled clock',
      { timeouts: { totalMS: 100 } },
      'providerOptions.fallback.timeouts.totalMS',
      "unknown option (did you mean 'totalMs'?)",
    ],
    [
      'a zero clock',
      { timeouts: { requestMs: 0 } },
      'providerOptions.fallback.timeouts.requestMs',
      'expected a number of milliseconds > 0, or false to turn it off',
    ],
    [
      'an unknown midStream',
      { midStream: 'resume' },
      'providerOptions.fallback.midStream',
      "expected 'error' or 'continue'",
    ],
    [
      'a chain-only option',
      { retryOn: ['rate-limit'] },
      'providerOptions.fallback.retryOn',
      "unknown option; expected one of 'enabled', 'maxRetriesPerModel', 'timeouts', 'midStream', 'commit', 'entries'",
    ],
  ])('%s', (_, value, path, message) => {
    expect(issuesOf(value)).toEqual([{ path, message }]);
  });

  it('accepts every field', () => {
    const settings = {
      enabled: true,
      entries: ['azure', 'openai'],
      maxRetriesPerModel: 0,
      timeouts: { requestMs: 1_000, firstChunkMs: false, chunkIdleMs: 500, totalMs: 5_000 },
      midStream: 'continue',
    };
    expect(parseCallOptions(settings, IDS)).toEqual(settings);
  });
});

describe('where the settings are read, per spec version', () => {
  it.each<[string, 'v1' | 'v4', object, unknown]>([
    ['V4: providerOptions.fallback', 'v4', { providerOptions: { fallback: { enabled: false } } }, { enabled: false }],
    ['V1: providerMetadata.fallback', 'v1', { providerMetadata: { fallback: { enabled: false } } }, { enabled: false }],
    ['V4 without providerOptions', 'v4', {}, undefined],
    ['V4 with another provider’s options only', 'v4', { providerOptions: { openai: { user: 'u' } } }, undefined],
    ['V1 ignores providerOptions', 'v1', { providerOptions: { fallback: {} } }, undefined],
  ])('%s', (_, version, params, expected) => {
    expect(callFallbackOptions(params, version)).toEqual(expected);
  });

  it.each<[string, object, object]>([
    ['only fallback: providerOptions is left out', { prompt: [], providerOptions: { fallback: {} } }, { prompt: [] }],
    [
      'other providers keep theirs',
      { prompt: [], providerOptions: { fallback: {}, openai: { user: 'u' } } },
      { prompt: [], providerOptions: { openai: { user: 'u' } } },
    ],
  ])('removing the key: %s', (_, params, expected) => {
    expect(withoutFallbackOptions(params, 'v4')).toEqual(expected);
  });
});

describe('the plan of a call', () => {
  const options = resolveOptions({});
  const entries = resolveEntries(
    IDS.map(id => ({ model: new MockLanguageModelV4({ modelId: id }), id })),
    options,
  );
  const chain = createChain(entries, options);

  it('a call without providerOptions.fallback has no plan: it runs on the chain as built', () => {
    expect(planCall(v4Adapter, chain, { prompt: [] })).toBeUndefined();
    expect(planCall(v4Adapter, chain, { prompt: [], providerOptions: { openai: {} } })).toBeUndefined();
  });

  it('the same settings on another call reuse the chain resolved for the first', () => {
    const params = () => ({ prompt: [], providerOptions: { fallback: { entries: ['azure'] } } });
    const first = planCall(v4Adapter, chain, params())!;
    expect(first.chain).not.toBe(chain);
    expect(first.chain.entries.map(entry => [entry.id, entry.index])).toEqual([['azure', 0]]);
    expect(planCall(v4Adapter, chain, params())!.chain).toBe(first.chain);
  });

  it('settings that change nothing run on the chain as built', () => {
    expect(planCall(v4Adapter, chain, { prompt: [], providerOptions: { fallback: { enabled: true } } })!.chain).toBe(
      chain,
    );
  });

  it('per-call clocks and retries replace every entry’s; totalMs and midStream the chain’s', () => {
    const plan = planCall(v4Adapter, chain, {
      prompt: [],
      providerOptions: {
        fallback: { maxRetriesPerModel: 0, timeouts: { requestMs: 1_000, totalMs: 2_000 }, midStream: 'continue' },
      },
    })!;
    expect(plan.chain.entries.map(entry => [entry.maxRetries, entry.timeouts.requestMs])).toEqual([
      [0, 1_000],
      [0, 1_000],
      [0, 1_000],
    ]);
    expect(plan.chain.options).toMatchObject({ totalMs: 2_000, midStream: 'continue' });
    expect(chain.options).toMatchObject({ totalMs: 1_200_000, midStream: 'error' });
  });
});

describe('what each model receives', () => {
  it('withFallback: no entry sees the fallback key; other providers’ options and entry settings reach it', async () => {
    const primary = new MockLanguageModelV4({ modelId: 'primary', doGenerate: generateResult('primary') });
    const backup = new MockLanguageModelV4({ modelId: 'backup', doGenerate: generateResult('backup') });
    const model = withFallback([
      { model: primary, id: 'primary' },
      { model: backup, id: 'backup', settings: { providerOptions: { backup: { mode: 'cheap' } } } },
    ]);
    const result = await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['backup'], enabled: false }, openai: { user: 'u' } },
    });
    expect(result.text).toBe('backup');
    expect(primary.doGenerateCalls).toHaveLength(0);
    expect(backup.doGenerateCalls[0]!.providerOptions).toEqual({ openai: { user: 'u' }, backup: { mode: 'cheap' } });
  });

  it('fallbackMiddleware reads the same settings', async () => {
    const primary = new MockLanguageModelV4({ modelId: 'primary', doGenerate: generateResult('primary') });
    const backup = new MockLanguageModelV4({ modelId: 'backup', doGenerate: generateResult('backup') });
    const model = wrapLanguageModel({
      model: primary,
      middleware: fallbackMiddleware([{ model: backup, id: 'backup' }], { primary: { id: 'primary' } }),
    });
    const result = await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['backup'] } },
    });
    expect(result.text).toBe('backup');
    expect(primary.doGenerateCalls).toHaveLength(0);
    expect(backup.doGenerateCalls[0]!.providerOptions).toBeUndefined();
  });
});
