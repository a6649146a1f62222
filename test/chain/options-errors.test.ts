import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { type FallbackConfigError, fallbackFromConfig } from '../../src/config/index';
import { redisHealthStore } from '../../src/health/redis/index';
import { fallbackMiddleware, withFallback } from '../../src/index';
import { configErrorOf as errorOf } from '../helpers/config-error';

const a = new MockLanguageModelV4({ modelId: 'a' });
const b = new MockLanguageModelV4({ modelId: 'b' });
const env = { OPENAI_API_KEY: 'test-openai', OPENROUTER_API_KEY: 'test-openrouter' };

/** `{ a: { b: value } }` from `'a.b'`. */
function at(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

describe('withFallback(models, null) and other configs that are not objects', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'fast'],
    ['an array', []],
  ])('%s: one clear error naming config', (_, config) => {
    const error = errorOf(() => withFallback([a], config as never));
    expect(error.message).toMatch(/^withFallback: config: expected an object of options, or nothing/);
    expect(error.issues).toEqual([
      { path: 'config', message: expect.stringMatching(/^expected an object of options/) },
    ]);
  });

  it('null says how to pass no options', () => {
    expect(errorOf(() => withFallback([a], null as never)).message).toBe(
      'withFallback: config: expected an object of options, or nothing (null is not accepted: pass {} or leave it out)',
    );
  });
});

describe('backoff.maxDelayMs below initialDelayMs', () => {
  it('is refused by withFallback, naming backoff.maxDelayMs', () => {
    const error = errorOf(() => withFallback([a, b], { backoff: { initialDelayMs: 2_000, maxDelayMs: 500 } }));
    expect(error.issues).toEqual([
      { path: 'config.backoff.maxDelayMs', message: 'expected a number of milliseconds >= initialDelayMs' },
    ]);
  });

  it('is refused by the config loader, in the config’s spelling', () => {
    const config = {
      providers: [{ provider: 'openai', model: 'gpt-4o' }],
      backoff: { initial_delay_ms: 2_000, max_delay_ms: 500 },
    };
    expect(errorOf(() => fallbackFromConfig(config, { env })).issues).toEqual([
      { path: 'backoff.max_delay_ms', message: 'expected a number of milliseconds >= initialDelayMs' },
    ]);
  });

  it('equal delays, or a cap alone, are accepted', () => {
    expect(() => withFallback([a, b], { backoff: { initialDelayMs: 500, maxDelayMs: 500 } })).not.toThrow();
    expect(() => withFallback([a, b], { backoff: { maxDelayMs: 100 } })).not.toThrow();
  });
});

/** Every numeric option of withFallback, as a path in the config or in the backup entry. */
const CHAIN_NUMBERS = [
  'maxRetriesPerModel',
  'backoff.initialDelayMs',
  'backoff.maxDelayMs',
  'backoff.multiplier',
  'maxRetryAfterMs',
  'timeouts.requestMs',
  'timeouts.firstChunkMs',
  'timeouts.chunkIdleMs',
  'timeouts.totalMs',
  'circuitBreaker.failureThreshold',
  'circuitBreaker.cooldownMs',
  'circuitBreaker.maxCooldownMs',
  'circuitBreaker.storeTimeoutMs',
];
const ENTRY_NUMBERS = [
  'maxRetries',
  'timeouts.requestMs',
  'timeouts.firstChunkMs',
  'timeouts.chunkIdleMs',
  'settings.maxOutputTokens',
  'settings.temperature',
  'settings.topP',
  'settings.topK',
  'settings.presencePenalty',
  'settings.frequencyPenalty',
  'settings.seed',
];
/** Every numeric field of the config loader, in snake_case. */
const CONFIG_NUMBERS = [
  'max_retries_per_provider',
  'backoff.initial_delay_ms',
  'backoff.max_delay_ms',
  'backoff.multiplier',
  'max_retry_after_ms',
  'timeouts.request_ms',
  'timeouts.total_ms',
  'circuit_breaker.failure_threshold',
  'circuit_breaker.cooldown_ms',
  'circuit_breaker.max_cooldown_ms',
  'circuit_breaker.store_timeout_ms',
];
const CONFIG_ENTRY_NUMBERS = ['max_tokens', 'temperature', 'max_retries', 'timeouts.first_chunk_ms'];
const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const finite = expect.stringMatching(/^expected a finite (whole )?number/);

describe('non-finite numbers get our wording, naming the field', () => {
  it.each(CHAIN_NUMBERS.flatMap(path => NON_FINITE.map(value => [path, value] as const)))(
    'config.%s = %s',
    (path, value) => {
      const error = errorOf(() => withFallback([a, b], at(path, value)));
      expect(error.issues).toEqual([{ path: `config.${path}`, message: finite }]);
      expect(error.message).not.toMatch(/Invalid input|received/);
    },
  );

  it.each(ENTRY_NUMBERS.flatMap(path => NON_FINITE.map(value => [path, value] as const)))(
    'models[1].%s = %s',
    (path, value) => {
      const error = errorOf(() => withFallback([a, { model: b, ...at(path, value) }]));
      expect(error.issues).toEqual([{ path: `models[1].${path}`, message: finite }]);
    },
  );

  it.each(
    [
      ...CONFIG_NUMBERS.map(
        path =>
          [path, (value: number) => ({ providers: [{ provider: 'openai', model: 'x' }], ...at(path, value) })] as const,
      ),
      ...CONFIG_ENTRY_NUMBERS.map(
        path =>
          [
            `providers[0].${path}`,
            (value: number) => ({ providers: [{ provider: 'openai', model: 'x', ...at(path, value) }] }),
          ] as const,
      ),
    ].flatMap(([path, config]) => NON_FINITE.map(value => [path, value, config] as const)),
  )('fallbackFromConfig: %s = %s', (path, value, config) => {
    const error = errorOf(() => fallbackFromConfig(config(value), { env }));
    expect(error.issues).toEqual([{ path, message: finite }]);
  });

  it('redisHealthStore: options.cacheMs', () => {
    const client = { sendCommand: async () => null };
    for (const cacheMs of NON_FINITE) {
      expect(errorOf(() => redisHealthStore(client, { cacheMs })).message).toBe(
        'redisHealthStore: options.cacheMs: expected a finite number of milliseconds >= 0',
      );
    }
  });

  it('timeouts of more than 2^31-1 ms are accepted (the clocks do not pass them to setTimeout)', () => {
    const days30 = 30 * 24 * 60 * 60 * 1_000;
    expect(() =>
      withFallback([a, { model: b, timeouts: { requestMs: days30 } }], {
        timeouts: { requestMs: days30, firstChunkMs: days30, chunkIdleMs: days30, totalMs: days30 },
      }),
    ).not.toThrow();
  });
});

describe('messages name the field and never echo a value', () => {
  const SECRET = 'hunter2-PURPLE-ELEPHANT-7391';

  /** The secret is nowhere in the error, and each issue names its field (and the message names it too). */
  function expectNoSecret(error: FallbackConfigError, paths: string[]) {
    expect(error.message).not.toContain(SECRET);
    expect(String(error)).not.toContain(SECRET);
    expect(JSON.stringify(error.issues)).not.toContain(SECRET);
    expect(error.issues.map(issue => issue.path).sort()).toEqual([...paths].sort());
    for (const path of paths) expect(error.message).toContain(`${path}: expected`);
  }

  it('withFallback: the options', () => {
    const error = errorOf(() =>
      withFallback([a], {
        enabled: SECRET,
        maxRetriesPerModel: SECRET,
        retryOn: [SECRET],
        midStream: SECRET,
        backoff: { jitter: SECRET, multiplier: SECRET },
        timeouts: { totalMs: SECRET },
        circuitBreaker: { cooldownMs: SECRET, store: SECRET },
        classifyError: SECRET,
        onFallback: SECRET,
        logger: { warn: SECRET },
      } as never),
    );
    expectNoSecret(
      error,
      [
        'enabled',
        'maxRetriesPerModel',
        'retryOn[0]',
        'midStream',
        'backoff.jitter',
        'backoff.multiplier',
        'timeouts.totalMs',
        'circuitBreaker.cooldownMs',
        'circuitBreaker.store',
        'classifyError',
        'onFallback',
        'logger.warn',
      ].map(path => `config.${path}`),
    );
  });

  it('withFallback: an entry', () => {
    const error = errorOf(() =>
      withFallback([
        a,
        {
          model: b,
          catchErrors: [SECRET],
          maxRetries: SECRET,
          timeouts: { requestMs: SECRET },
          settings: {
            temperature: SECRET,
            reasoning: SECRET,
            seed: SECRET,
            stopSequences: SECRET,
            headers: SECRET,
            providerOptions: { openai: SECRET },
          },
        } as never,
      ]),
    );
    expectNoSecret(
      error,
      [
        'catchErrors[0]',
        'maxRetries',
        'timeouts.requestMs',
        'settings.temperature',
        'settings.reasoning',
        'settings.seed',
        'settings.stopSequences',
        'settings.headers',
        'settings.providerOptions.openai',
      ].map(path => `models[1].${path}`),
    );
  });

  it('a config, entries or a middleware that are the secret itself', () => {
    expectNoSecret(
      errorOf(() => withFallback([a], SECRET as never)),
      ['config'],
    );
    expectNoSecret(
      errorOf(() => withFallback(SECRET as never)),
      ['models'],
    );
    expectNoSecret(
      errorOf(() => withFallback([SECRET] as never)),
      ['models[0].model'],
    );
    expectNoSecret(
      errorOf(() => fallbackMiddleware([], { midStream: SECRET as never })),
      ['config.midStream'],
    );
    expectNoSecret(
      errorOf(() => fallbackMiddleware([{ model: b, settings: { topK: SECRET } } as never])),
      ['fallbacks[0].settings.topK'],
    );
    expectNoSecret(
      errorOf(() => redisHealthStore({ sendCommand: async () => null }, { cacheMs: SECRET as never })),
      ['options.cacheMs'],
    );
  });

  it('fallbackFromConfig', () => {
    const error = errorOf(() =>
      fallbackFromConfig(
        {
          enabled: SECRET,
          mid_stream: SECRET,
          retry_on: [SECRET],
          backoff: { multiplier: SECRET },
          timeouts: { request_ms: SECRET },
          circuit_breaker: SECRET,
          providers: [
            {
              provider: 'openai',
              model: 'gpt-4o',
              api: SECRET,
              temperature: SECRET,
              max_tokens: SECRET,
              catch_errors: [SECRET],
              timeouts: { chunk_idle_ms: SECRET },
            },
          ],
        },
        { env },
      ),
    );
    expectNoSecret(error, [
      'enabled',
      'mid_stream',
      'retry_on[0]',
      'backoff.multiplier',
      'timeouts.request_ms',
      'circuit_breaker',
      'providers[0].api',
      'providers[0].temperature',
      'providers[0].max_tokens',
      'providers[0].catch_errors[0]',
      'providers[0].timeouts.chunk_idle_ms',
    ]);
  });
});

describe('one error type for every invalid option', () => {
  it('duplicate entry ids', () => {
    const error = errorOf(() =>
      withFallback([
        { model: a, id: 'x' },
        { model: b, id: 'x' },
      ]),
    );
    expect(error.issues).toEqual([
      { path: 'models[1].id', message: "'x' is already used by another entry; ids must be unique" },
    ]);
  });

  it('a redis client that is not one', () => {
    expect(errorOf(() => redisHealthStore({} as never)).issues).toEqual([
      { path: 'client', message: 'expected a node-redis client (createClient from redis) or an ioredis client' },
    ]);
  });
});
