// `hedge` is validated with every other option: each bad field is named with what was expected, by
// withFallback and by the config loader (in the config's spelling); `'hedged'` is no error type, so
// catchErrors and retryOn cannot name it.
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { resolveEntries, resolveOptions } from '../../src/chain/options';
import { fallbackFromConfig } from '../../src/config/index';
import { type FallbackConfig, withFallback } from '../../src/index';
import { issuesOf } from '../helpers/config-error';

const a = new MockLanguageModelV4({ modelId: 'a' });
const b = new MockLanguageModelV4({ modelId: 'b' });
const env = { OPENAI_API_KEY: 'test-openai' };

describe('hedge options', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'afterMs is required',
      {},
      [{ path: 'config.hedge.afterMs', message: "required: a number of milliseconds > 0, or 'auto'" }],
    ],
    [
      'afterMs 0',
      { afterMs: 0 },
      [{ path: 'config.hedge.afterMs', message: "expected a number of milliseconds > 0, or 'auto'" }],
    ],
    [
      'afterMs a string',
      { afterMs: 'fast' },
      [{ path: 'config.hedge.afterMs', message: "expected a number of milliseconds > 0, or 'auto'" }],
    ],
    [
      'percentile above 100',
      { afterMs: 'auto', percentile: 150 },
      [{ path: 'config.hedge.percentile', message: 'expected a number > 0 and <= 100' }],
    ],
    [
      'maxRatio 0',
      { afterMs: 'auto', maxRatio: 0 },
      [{ path: 'config.hedge.maxRatio', message: 'expected a number > 0 and <= 1' }],
    ],
    [
      'maxRatio as a percentage',
      { afterMs: 'auto', maxRatio: 5 },
      [{ path: 'config.hedge.maxRatio', message: 'expected a number > 0 and <= 1' }],
    ],
    [
      'minSamples a fraction',
      { afterMs: 'auto', minSamples: 2.5 },
      [{ path: 'config.hedge.minSamples', message: 'expected a whole number >= 1' }],
    ],
    [
      'an unknown key',
      { afterMs: 'auto', maxRation: 0.1 },
      [{ path: 'config.hedge.maxRation', message: "unknown option (did you mean 'maxRatio'?)" }],
    ],
    ['not an object', true, [{ path: 'config.hedge', message: "expected an object such as { afterMs: 'auto' }" }]],
  ])('%s', (_, hedge, expected) => {
    expect(issuesOf(() => withFallback([a, b], { hedge } as FallbackConfig))).toEqual(expected);
  });

  it('an entry takes only hedge: false', () => {
    expect(issuesOf(() => withFallback([a, { model: b, hedge: true as unknown as false }]))).toEqual([
      { path: 'models[1].hedge', message: 'expected false (leave it out to allow hedging)' },
    ]);
  });

  it("'hedged' is no error type: catchErrors and retryOn refuse it", () => {
    const [catchIssue] = issuesOf(() => withFallback([a, { model: b, catchErrors: ['hedged' as 'all'] }]));
    expect(catchIssue!.path).toBe('models[1].catchErrors[0]');
    const [retryIssue] = issuesOf(() => withFallback([a, b], { retryOn: ['hedged' as 'all'] }));
    expect(retryIssue!.path).toBe('config.retryOn[0]');
  });

  it('defaults apply to what is left out; unset, hedging is off', () => {
    expect(resolveOptions({}).hedge).toBeUndefined();
    expect(resolveOptions({ hedge: { afterMs: 'auto', maxRatio: 0.1 } }).hedge).toEqual({
      afterMs: 'auto',
      percentile: 95,
      minSamples: 20,
      initialMs: 1_000,
      maxRatio: 0.1,
    });
  });

  it('the config loader takes hedge in either spelling, and hedge: false on an entry', () => {
    const providers = [
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'openai', model: 'gpt-4o-mini', hedge: false },
    ];
    expect(() =>
      fallbackFromConfig({ providers, hedge: { after_ms: 'auto', max_ratio: 0.1, min_samples: 10 } }, { env }),
    ).not.toThrow();
    expect(issuesOf(() => fallbackFromConfig({ providers, hedge: { after_ms: -1 } }, { env }))).toEqual([
      { path: 'hedge.after_ms', message: "expected a number of milliseconds > 0, or 'auto'" },
    ]);
    expect(
      issuesOf(() => fallbackFromConfig({ providers, hedge: { afterMs: 100, max_ration: 0.1 } }, { env })),
    ).toEqual([{ path: 'hedge.max_ration', message: "unknown field (did you mean 'max_ratio'?)" }]);
  });

  it('an entry with hedge: false is resolved as not hedgeable', () => {
    const options = resolveOptions({ hedge: { afterMs: 100 } });
    expect(resolveEntries([{ model: a }, { model: b, hedge: false }], options).map(entry => entry.hedge)).toEqual([
      true,
      false,
    ]);
  });
});
