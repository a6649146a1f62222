import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { resolveEntries, resolveOptions } from '../../src/chain/options';
import { resolveChainFromConfig } from '../../src/config/resolve-chain';
import { type FallbackCheckResult, type FallbackEntry, withFallback } from '../../src/index';
import { issuesOf } from '../helpers/config-error';

const a = new MockLanguageModelV4({ modelId: 'a' });
const b = new MockLanguageModelV4({ modelId: 'b' });
const env = { OPENAI_API_KEY: 'test-openai' };

describe('commit and checkResult: validation', () => {
  it.each<[string, () => unknown, { path: string; message: string }[]]>([
    [
      'a commit that is not one of the two',
      () => withFallback([a], { commit: 'first-token' as never }),
      [{ path: 'config.commit', message: "expected 'first-output' or 'finish'" }],
    ],
    [
      'a checkResult that is not a function',
      () => withFallback([a], { checkResult: 'invalid-output' as never }),
      [{ path: 'config.checkResult', message: 'expected a function' }],
    ],
    [
      "an entry's commit",
      () => withFallback([a, { model: b, commit: true as never }]),
      [{ path: 'models[1].commit', message: "expected 'first-output' or 'finish'" }],
    ],
    [
      "an entry's checkResult",
      () => withFallback([a, { model: b, checkResult: {} as never }]),
      [{ path: 'models[1].checkResult', message: 'expected a function' }],
    ],
    [
      'a config file commit, snake_case file',
      () =>
        resolveChainFromConfig(
          { commit: 'end', providers: [{ provider: 'openai', model_name: 'gpt-4o', commit: 'last' }] },
          { env },
        ),
      [
        { path: 'commit', message: "expected 'first-output' or 'finish'" },
        { path: 'providers[0].commit', message: "expected 'first-output' or 'finish'" },
      ],
    ],
  ])('%s', (_, build, issues) => {
    expect(issuesOf(build)).toEqual(issues);
  });
});

describe('commit and checkResult: resolution', () => {
  const chainCheck: FallbackCheckResult = () => undefined;
  const entryCheck: FallbackCheckResult = () => 'invalid-output';

  it("defaults to 'first-output' and no check; an entry's own replace the chain's", () => {
    expect(resolveOptions(undefined)).toMatchObject({ commit: 'first-output', checkResult: undefined });
    const options = resolveOptions({ commit: 'finish', checkResult: chainCheck });
    const [first, second] = resolveEntries(
      [{ model: a }, { model: b, commit: 'first-output', checkResult: entryCheck }],
      options,
    );
    expect([first!.commit, first!.checkResult]).toEqual(['finish', chainCheck]);
    expect([second!.commit, second!.checkResult]).toEqual(['first-output', entryCheck]);
  });

  it('a config file: commit on the chain and an entry, result types in both spellings, checkResult from code', () => {
    const { models, config } = resolveChainFromConfig(
      {
        commit: 'finish',
        retry_on: ['InvalidOutput'],
        providers: [
          { provider: 'openai', model_name: 'gpt-4o-mini', commit: 'first-output' },
          {
            provider: 'openai',
            model_name: 'gpt-4o',
            catch_errors: ['invalid-output', 'EmptyResponse', 'ContentFilter'],
          },
        ],
      },
      { env, checkResult: entryCheck },
    );
    expect(config).toMatchObject({ commit: 'finish', retryOn: ['invalid-output'], checkResult: entryCheck });
    const [cheap, better] = models as FallbackEntry[];
    expect(cheap!.commit).toBe('first-output');
    expect(better!.catchErrors).toEqual(['invalid-output', 'empty-response', 'content-filter']);
  });
});
