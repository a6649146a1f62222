import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type FallbackCircuitCloseEvent,
  FallbackCircuitOpenError,
  type FallbackCircuitOpenEvent,
  type FallbackConfig,
  FallbackExhaustedError,
  type FallbackMetadata,
  type HealthStore,
  memoryHealthStore,
  withFallback,
} from '../../src/index';
import { apiError, generateResult, scriptedModel } from '../helpers/mock-models';

const noJitter = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: false };

afterEach(() => {
  vi.useRealTimers();
});

function fallbackOf(result: { providerMetadata?: Record<string, unknown> }): FallbackMetadata {
  return result.providerMetadata?.fallback as unknown as FallbackMetadata;
}

/** Lets a pending call run under fake timers until it settles, moving the clock from one timer to the next. */
async function settle<T>(pending: Promise<T>): Promise<T> {
  let done = false;
  pending.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return pending;
}

/** A model that fails with `error()` (when it returns one) and answers otherwise, recording when it was called. */
function modelThat(modelId: string, error: () => unknown) {
  const calls: number[] = [];
  const model = new MockLanguageModelV4({
    provider: 'mock',
    modelId,
    doGenerate: async () => {
      calls.push(Date.now());
      const failure = error();
      if (failure !== undefined) throw failure;
      return generateResult(`Answer from ${modelId}.`);
    },
  });
  return { model, calls };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => (resolve = r));
  return { promise, resolve };
}

async function generate(model: ReturnType<typeof withFallback>, abortSignal?: AbortSignal) {
  return generateText({ model, prompt: 'hi', maxRetries: 0, abortSignal });
}

describe('circuit breaker: the primary is down for 6 s, then healthy; 10 requests 1.2 s apart', () => {
  async function scenario(config: FallbackConfig) {
    vi.useFakeTimers();
    const start = Date.now();
    const primary = modelThat('primary', () => (Date.now() - start < 6_000 ? apiError(503) : undefined));
    const backup = modelThat('backup', () => undefined);
    const model = withFallback([primary.model, backup.model], { backoff: noJitter, ...config });
    const requests: { at: number; servedBy: string; durationMs: number; skipped: boolean }[] = [];
    for (let i = 0; i < 10; i++) {
      const at = i * 1_200;
      await vi.advanceTimersByTimeAsync(start + at - Date.now());
      const result = await settle(generate(model));
      const metadata = fallbackOf(result);
      requests.push({
        at,
        servedBy: metadata.servedBy.modelId,
        durationMs: Date.now() - start - at,
        skipped: metadata.caught.some(caught => caught.skipped !== undefined),
      });
    }
    return { requests, primaryCalls: primary.calls.map(t => t - start), start };
  }

  it('asks the primary once per cooldown window during the outage, not on every request, and comes back to it within one cooldown', async () => {
    const opened: FallbackCircuitOpenEvent[] = [];
    const closed: FallbackCircuitCloseEvent[] = [];
    const { requests, primaryCalls, start } = await scenario({
      circuitBreaker: { cooldownMs: 2_000, maxCooldownMs: 4_000 },
      onCircuitOpen: event => opened.push(event),
      onCircuitClose: event => closed.push(event),
    });

    // Every request is answered.
    expect(requests).toHaveLength(10);
    // Request 0: three failures (1 + 2 retries) reach the threshold and open the circuit for 2 s.
    // Request 2 (2.4 s) probes it, fails, and reopens it for 4 s; request 6 (7.2 s) probes again and it answers.
    expect(primaryCalls).toEqual([0, 100, 300, 2_400, 7_200, 8_400, 9_600, 10_800]);
    expect(requests.map(r => r.servedBy)).toEqual([
      'backup',
      'backup',
      'backup',
      'backup',
      'backup',
      'backup',
      'primary',
      'primary',
      'primary',
      'primary',
    ]);
    // Skipped requests go straight to the backup: no failed attempt, no backoff.
    expect(requests.filter(r => r.skipped).map(r => [r.at, r.durationMs])).toEqual([
      [1_200, 0],
      [3_600, 0],
      [4_800, 0],
      [6_000, 0],
    ]);
    // During the outage: the attempts that opened it, then at most one per cooldown window.
    const outage = primaryCalls.filter(t => t < 6_000);
    expect(outage.length).toBeLessThanOrEqual(3 + Math.ceil(6_000 / 2_000));
    // Back within one (the longest) cooldown of recovering.
    const firstServed = requests.find(r => r.servedBy === 'primary')!.at;
    expect(firstServed - 6_000).toBeLessThanOrEqual(4_000);

    expect(opened.map(e => [e.reason, e.until - e.cooldownMs - start, e.cooldownMs])).toEqual([
      ['failures', 300, 2_000],
      ['probe-failed', 2_400, 4_000],
    ]);
    expect(opened[0]).toMatchObject({
      entry: { id: 'mock:primary' },
      failures: 3,
      type: 'provider-unavailable',
      statusCode: 503,
    });
    expect(closed).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({ id: 'mock:primary' }),
        reason: 'probe',
        operation: 'generate',
      }),
    ]);
  });

  it('without the breaker, every request during the outage pays for three failed attempts and their backoff', async () => {
    const { requests, primaryCalls } = await scenario({ circuitBreaker: false });
    expect(requests.map(r => r.servedBy)).toEqual([...Array(5).fill('backup'), ...Array(5).fill('primary')]);
    expect(primaryCalls.filter(t => t < 6_000)).toHaveLength(15);
    expect(requests.slice(0, 5).every(r => r.durationMs === 300)).toBe(true);
  });
});

describe('circuit breaker: a recovered primary serves again within 4 base cooldowns, however long the outage', () => {
  it.each([6_000, 10_000, 20_000])('cooldownMs 1000, outage %i ms, a request every 100 ms', async outageMs => {
    vi.useFakeTimers();
    const start = Date.now();
    const primary = modelThat('primary', () => (Date.now() - start < outageMs ? apiError(503) : undefined));
    const model = withFallback([primary.model, scriptedModel('backup')], {
      maxRetriesPerModel: 0,
      circuitBreaker: { cooldownMs: 1_000, failureThreshold: 1 },
    });
    let servedAgainAt: number | undefined;
    while (servedAgainAt === undefined && Date.now() - start < outageMs + 60_000) {
      const result = await settle(generate(model));
      if (fallbackOf(result).servedBy.modelId === 'primary') servedAgainAt = Date.now() - start;
      else await vi.advanceTimersByTimeAsync(100);
    }
    expect(servedAgainAt).toBeDefined();
    expect(servedAgainAt! - outageMs).toBeLessThanOrEqual(4 * 1_000);
    // Probes during the outage come at most 4 s apart (doubling 1 s, 2 s, then 4 s): never 8 s, 16 s.
    const gaps = primary.calls.map((t, i) => t - (primary.calls[i - 1] ?? t));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4_000);
  });
});

describe('circuit breaker: skipping', () => {
  it('a Retry-After opens the circuit for that long even when the chain moved on instead of waiting; skips show in metadata', async () => {
    vi.useFakeTimers();
    const start = Date.now();
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '30' } }) }]);
    const backup = scriptedModel('backup');
    const model = withFallback([primary, backup], { maxRetryAfterMs: 10_000 });

    const first = await generate(model);
    expect(first.text).toBe('Answer from backup.');

    await vi.advanceTimersByTimeAsync(29_999);
    const second = await generate(model);
    expect(second.text).toBe('Answer from backup.');
    expect(primary.doGenerateCalls).toHaveLength(1);
    expect(fallbackOf(second)).toEqual({
      servedBy: { index: 1, id: 'mock:backup', provider: 'mock', modelId: 'backup' },
      attempts: 1,
      caught: [
        {
          index: 0,
          id: 'mock:primary',
          provider: 'mock',
          modelId: 'primary',
          type: 'rate-limit',
          message: expect.stringMatching(/circuit is open until .*retry-after/),
          skipped: { reason: 'circuit-open', openedBy: 'retry-after', until: start + 30_000 },
        },
      ],
      totalUsage: { inputTokens: 3, outputTokens: 5 },
    });

    await vi.advanceTimersByTimeAsync(1);
    const third = await generate(model);
    expect(third.text).toBe('Answer from primary.');
    expect(fallbackOf(third).caught).toEqual([]);
  });

  it('makes the retry the chain waited for, even when the wall clock lags the timer or another call holds the probe', async () => {
    vi.useFakeTimers();
    const answer = deferred();
    let calls = 0;
    const primary = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'primary',
      doGenerate: async () => {
        if (++calls <= 2) throw apiError(429, { headers: { 'retry-after': '2' } });
        await answer.promise; // both retries are in flight at once
        return generateResult('Answer from primary.');
      },
    });
    const closed = vi.fn();
    const model = withFallback([primary, scriptedModel('backup')], { onCircuitClose: closed });
    const pending = [generate(model), generate(model)];
    await vi.advanceTimersByTimeAsync(1_000);
    // The wall clock falls behind the timers (as Date.now and setTimeout's monotonic clock can by a millisecond).
    vi.setSystemTime(Date.now() - 5);
    await vi.advanceTimersByTimeAsync(1_000);
    answer.resolve();
    const results = await Promise.all(pending);
    expect(results.map(r => r.text)).toEqual(['Answer from primary.', 'Answer from primary.']);
    expect(primary.doGenerateCalls).toHaveLength(4);
    expect(closed.mock.calls.map(([event]) => event.reason)).toEqual(['probe']);
  });

  it('caps a Retry-After at maxCooldownMs', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel('primary', [{ error: apiError(503, { headers: { 'retry-after': '3600' } }) }]);
    const model = withFallback([primary, scriptedModel('backup')], { circuitBreaker: { maxCooldownMs: 60_000 } });
    await generate(model);
    await vi.advanceTimersByTimeAsync(59_999);
    await generate(model);
    expect(primary.doGenerateCalls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await generate(model)).text).toBe('Answer from primary.');
  });

  it('lets exactly one call probe a half-open entry while concurrent calls keep skipping it', async () => {
    vi.useFakeTimers();
    const gate = deferred();
    let calls = 0;
    const primary = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'primary',
      doGenerate: async () => {
        if (++calls === 1) throw apiError(429, { headers: { 'retry-after': '5' } });
        await gate.promise;
        return generateResult('Answer from primary.');
      },
    });
    const backup = scriptedModel('backup');
    const closed = vi.fn();
    const model = withFallback([primary, backup], { maxRetryAfterMs: 1_000, onCircuitClose: closed });
    await generate(model);
    await vi.advanceTimersByTimeAsync(5_000);

    const concurrent = Array.from({ length: 5 }, () => generate(model));
    const others = await Promise.all(concurrent.slice(1));
    expect(others.map(r => r.text)).toEqual(Array(4).fill('Answer from backup.'));
    expect(others.map(r => fallbackOf(r).caught[0]!.skipped!.reason)).toEqual(Array(4).fill('probe-in-flight'));
    expect(primary.doGenerateCalls).toHaveLength(2); // the 429, then the one probe

    gate.resolve();
    expect((await concurrent[0]!).text).toBe('Answer from primary.');
    expect(closed).toHaveBeenCalledTimes(1);
    expect(closed.mock.calls[0]![0]).toMatchObject({ reason: 'probe' });
    // Closed: everyone uses the primary again.
    const after = await Promise.all([generate(model), generate(model)]);
    expect(after.map(r => r.text)).toEqual(['Answer from primary.', 'Answer from primary.']);
  });

  it('gives the probe back when the caller aborts it, without counting a failure', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let calls = 0;
    const primary = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'primary',
      doGenerate: async ({ abortSignal }) => {
        calls++;
        if (calls === 1) throw apiError(429, { headers: { 'retry-after': '1' } });
        if (calls === 2) {
          await new Promise((_, reject) => abortSignal!.addEventListener('abort', () => reject(abortSignal!.reason)));
        }
        return generateResult('Answer from primary.');
      },
    });
    const opened = vi.fn();
    const model = withFallback([primary, scriptedModel('backup')], { maxRetryAfterMs: 0, onCircuitOpen: opened });
    await generate(model);
    await vi.advanceTimersByTimeAsync(1_000);
    const aborted = generate(model, controller.signal);
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error('user left'));
    await expect(aborted).rejects.toThrow('user left');
    // The lease is free again and nothing new was counted: the next call probes and closes it.
    expect((await generate(model)).text).toBe('Answer from primary.');
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('never counts request errors (bad-request, content-filter, context-length)', async () => {
    const requestErrors = [
      apiError(400, { body: { error: { message: 'bad param', type: 'invalid_request_error' } } }),
      apiError(400, { body: { error: { message: 'flagged', code: 'content_filter' } } }),
      apiError(400, { body: { error: { message: 'too long', code: 'context_length_exceeded' } } }),
    ];
    const primary = scriptedModel(
      'primary',
      [...requestErrors, ...requestErrors].map(error => ({ error })),
    );
    const opened = vi.fn();
    const model = withFallback([primary, scriptedModel('backup')], {
      circuitBreaker: { failureThreshold: 1 },
      onCircuitOpen: opened,
    });
    for (let i = 0; i < 6; i++) await generate(model).catch(() => {});
    expect(primary.doGenerateCalls).toHaveLength(6);
    expect(opened).not.toHaveBeenCalled();
    expect((await generate(model)).text).toBe('Answer from primary.');
  });

  it('counts timeouts and network errors', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const primary = new MockLanguageModelV4({
      provider: 'mock',
      modelId: 'primary',
      doGenerate: async ({ abortSignal }) => {
        calls++;
        if (calls === 1) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        // Hangs until the request timeout aborts it.
        return new Promise((_, reject) => abortSignal!.addEventListener('abort', () => reject(abortSignal!.reason)));
      },
    });
    const opened = vi.fn();
    const model = withFallback([{ model: primary, timeouts: { requestMs: 1_000 } }, scriptedModel('backup')], {
      maxRetriesPerModel: 0,
      circuitBreaker: { failureThreshold: 2 },
      onCircuitOpen: opened,
    });
    await generate(model);
    expect(opened).not.toHaveBeenCalled();
    await settle(generate(model));
    expect(opened).toHaveBeenCalledTimes(1);
    expect(opened.mock.calls[0]![0]).toMatchObject({ reason: 'failures', failures: 2, type: 'timeout' });
    await generate(model);
    expect(calls).toBe(2);
  });

  it('a success resets the count of consecutive failures', async () => {
    const primary = scriptedModel('primary', [
      { error: apiError(503) },
      { error: apiError(503) },
      { text: 'ok' },
      { error: apiError(503) },
      { error: apiError(503) },
    ]);
    const opened = vi.fn();
    const model = withFallback([primary, scriptedModel('backup')], { maxRetriesPerModel: 0, onCircuitOpen: opened });
    for (let i = 0; i < 5; i++) await generate(model);
    expect(opened).not.toHaveBeenCalled();
    await generate(model);
    expect(primary.doGenerateCalls).toHaveLength(6);
  });

  it('when every entry is open, still tries them in order; the exhausted error lists the skips and the attempts', async () => {
    vi.useFakeTimers();
    const a = scriptedModel(
      'a',
      [503, 503, 503].map(status => ({ error: apiError(status) })),
    );
    const b = scriptedModel(
      'b',
      [503, 503, 503].map(status => ({ error: apiError(status) })),
    );
    const model = withFallback([a, b], { maxRetriesPerModel: 0, circuitBreaker: { failureThreshold: 1 } });
    // Opens both.
    await expect(generate(model)).rejects.toThrow(FallbackExhaustedError);
    expect([a.doGenerateCalls.length, b.doGenerateCalls.length]).toEqual([1, 1]);

    const error = (await generate(model).catch((e: unknown) => e)) as FallbackExhaustedError;
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect(error.attempts.map(x => [x.id, x.skipped?.reason ?? 'called', x.type])).toEqual([
      ['mock:a', 'circuit-open', 'provider-unavailable'],
      ['mock:b', 'circuit-open', 'provider-unavailable'],
      ['mock:a', 'called', 'provider-unavailable'],
      ['mock:b', 'called', 'provider-unavailable'],
    ]);
    expect(FallbackCircuitOpenError.isInstance(error.attempts[0]!.error)).toBe(true);
    expect(error.message).toMatch(
      /#0 mock:a attempt 1: provider-unavailable after 0 ms: .*skipped mock:a: its circuit is open until/,
    );
    expect([a.doGenerateCalls.length, b.doGenerateCalls.length]).toEqual([2, 2]);
  });

  it('when every entry is open and the first answers, it serves and its circuit closes (last resort)', async () => {
    vi.useFakeTimers();
    const store = memoryHealthStore();
    const failing = withFallback(
      [scriptedModel('a', [{ error: apiError(503) }]), scriptedModel('b', [{ error: apiError(503) }])],
      { maxRetriesPerModel: 0, circuitBreaker: { store, failureThreshold: 1 } },
    );
    await generate(failing).catch(() => {});
    const a = scriptedModel('a');
    const b = scriptedModel('b');
    const closed = vi.fn();
    const healthy = withFallback([a, b], { circuitBreaker: { store, failureThreshold: 1 }, onCircuitClose: closed });
    const result = await generate(healthy);
    expect(result.text).toBe('Answer from a.');
    expect(fallbackOf(result).attempts).toBe(1);
    expect(fallbackOf(result).caught.map(c => [c.modelId, c.skipped?.reason])).toEqual([
      ['a', 'circuit-open'],
      ['b', 'circuit-open'],
    ]);
    expect(closed).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'last-resort', entry: expect.objectContaining({ id: 'mock:a' }) }),
    );
    // Closed: the next call goes straight to a.
    expect(fallbackOf(await generate(healthy)).caught).toEqual([]);
    expect(b.doGenerateCalls).toHaveLength(0);
  });

  it('one store passed to several withFallback instances shares what they learn', async () => {
    vi.useFakeTimers();
    const store = memoryHealthStore();
    const primaryForRouteA = scriptedModel('primary', [{ error: apiError(503) }]);
    const primaryForRouteB = scriptedModel('primary');
    const routeA = withFallback([primaryForRouteA, scriptedModel('backup')], {
      maxRetriesPerModel: 0,
      circuitBreaker: { store, failureThreshold: 1 },
    });
    const routeB = withFallback([primaryForRouteB, scriptedModel('backup')], { circuitBreaker: { store } });
    await generate(routeA);
    expect((await generate(routeB)).text).toBe('Answer from backup.');
    expect(primaryForRouteB.doGenerateCalls).toHaveLength(0);
    // Without a shared store each instance has its own memory.
    const routeC = withFallback([primaryForRouteB, scriptedModel('backup')]);
    expect((await generate(routeC)).text).toBe('Answer from primary.');
  });

  it('stops retrying an entry once its circuit is open rather than waiting for a retry that would be skipped', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel(
      'primary',
      [503, 503, 503].map(status => ({ error: apiError(status) })),
    );
    const model = withFallback([primary, scriptedModel('backup')], {
      maxRetriesPerModel: 5,
      backoff: noJitter,
      circuitBreaker: { failureThreshold: 2 },
    });
    const result = await settle(generate(model));
    expect(result.text).toBe('Answer from backup.');
    expect(primary.doGenerateCalls).toHaveLength(2);
  });

  it('skips open entries in streams too, with the skip in the finish metadata', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '60' } }) }]);
    const model = withFallback([primary, scriptedModel('backup')]);
    await generate(model);
    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
    expect(await result.text).toBe('Answer from backup.');
    const metadata = (await result.providerMetadata)?.fallback as unknown as FallbackMetadata;
    expect(metadata.caught[0]!.skipped).toMatchObject({ reason: 'circuit-open', openedBy: 'retry-after' });
    expect(primary.doStreamCalls).toHaveLength(0);
  });

  it('forgets a circuit nobody probed for maxCooldownMs after its cooldown, without reporting a close', async () => {
    vi.useFakeTimers();
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '1' } }) }]);
    const closed = vi.fn();
    const model = withFallback([primary, scriptedModel('backup')], {
      maxRetryAfterMs: 0,
      circuitBreaker: { cooldownMs: 1_000, maxCooldownMs: 2_000 },
      onCircuitClose: closed,
    });
    await generate(model);
    await vi.advanceTimersByTimeAsync(3_000);
    expect((await generate(model)).text).toBe('Answer from primary.');
    expect(closed).not.toHaveBeenCalled();
  });

  it('with circuitBreaker: false remembers nothing', async () => {
    const primary = scriptedModel('primary', [{ error: apiError(429, { headers: { 'retry-after': '60' } }) }]);
    const model = withFallback([primary, scriptedModel('backup')], { circuitBreaker: false });
    await generate(model);
    expect((await generate(model)).text).toBe('Answer from primary.');
  });
});

describe('circuit breaker: a failing store never fails or slows a call', () => {
  it('answers from local memory when every store operation rejects, warning once', async () => {
    const broken = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      increment: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const warn = vi.fn();
    const primary = scriptedModel('primary', [{ error: apiError(503) }]);
    const model = withFallback([primary, scriptedModel('backup')], {
      maxRetriesPerModel: 0,
      circuitBreaker: { store: broken, failureThreshold: 1 },
      logger: { warn },
    });
    for (let i = 0; i < 5; i++) expect((await generate(model)).text).toBe('Answer from backup.');
    // Local memory still opened the circuit: the primary was asked once.
    expect(primary.doGenerateCalls).toHaveLength(1);
    expect(warn.mock.calls.filter(([message]) => /health store unavailable/.test(message))).toHaveLength(1);
  });

  it('bounds a store that never answers by storeTimeoutMs', async () => {
    vi.useFakeTimers();
    const hanging = {
      get: () => new Promise<never>(() => {}),
      set: () => new Promise<never>(() => {}),
      increment: () => new Promise<never>(() => {}),
      delete: () => new Promise<never>(() => {}),
    };
    const model = withFallback([scriptedModel('primary'), scriptedModel('backup')], {
      circuitBreaker: { store: hanging, storeTimeoutMs: 50 },
    });
    const start = Date.now();
    const first = await settle(generate(model));
    expect(first.text).toBe('Answer from primary.');
    expect(Date.now() - start).toBeLessThanOrEqual(60);
    // Marked down: later calls do not wait at all.
    const second = Date.now();
    await generate(model);
    expect(Date.now()).toBe(second);
    // Nothing is left running: the process-wide clock sweep fires once past the calls' deadlines and stops.
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('circuit breaker: every store wait ends on the caller abort', () => {
  /** A store that never answers; `waited` resolves once a call waits on any of its operations. */
  function stalledStore() {
    let waiting!: () => void;
    const waited = new Promise<void>(resolve => (waiting = resolve));
    const never = () => {
      waiting();
      return new Promise<never>(() => {});
    };
    return { store: { get: never, set: never, increment: never, delete: never }, waited };
  }
  /** A model that only settles when its call is aborted, as a provider does: the bare AI SDK then rejects with the reason. */
  const abortableModel = (modelId: string) =>
    new MockLanguageModelV4({
      provider: 'mock',
      modelId,
      doGenerate: ({ abortSignal }) =>
        new Promise((_, reject) => {
          if (abortSignal!.aborted) reject(abortSignal!.reason);
          abortSignal!.addEventListener('abort', () => reject(abortSignal!.reason));
        }),
    });

  it.each([
    ['reading health before the first attempt', 'read'],
    ['recording the failure of an attempt', 'record'],
  ] as const)('while %s: settles at once with the caller reason, not after storeTimeoutMs 3000', async (_, when) => {
    const { store, waited } = stalledStore();
    const primary = scriptedModel('primary', [{ error: apiError(503) }]);
    const known = memoryHealthStore();
    // 'record': a shared store that answers reads at once; only counting the failure stalls.
    const answering: HealthStore = {
      get: keys => known.get(keys),
      set: (key, value, ttlMs, options) => known.set(key, value, ttlMs, options),
      increment: store.increment,
      delete: keys => known.delete(keys),
    };
    const breaker = { store: when === 'read' ? store : answering, storeTimeoutMs: 3_000 };
    const model = withFallback([primary, scriptedModel('backup')], { maxRetriesPerModel: 0, circuitBreaker: breaker });
    const controller = new AbortController();
    const reason = new Error('the user left');
    const started = performance.now();
    const call = generate(model, controller.signal);
    call.catch(() => {});
    await waited;
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
    // Nothing was sent after the abort: the backup was not tried.
    expect(primary.doGenerateCalls).toHaveLength(when === 'read' ? 0 : 1);
  });

  it('the caller sees the same rejection as with the bare model', async () => {
    const bare = new AbortController();
    const reason = new Error('the user left');
    const direct = generate(abortableModel('primary') as never, bare.signal);
    bare.abort(reason);
    const { store, waited } = stalledStore();
    const wrapped = new AbortController();
    const started = performance.now();
    const call = generate(
      withFallback([abortableModel('primary')], { circuitBreaker: { store, storeTimeoutMs: 3_000 } }),
      wrapped.signal,
    );
    call.catch(() => {});
    await waited;
    wrapped.abort(reason);
    const [a, b] = await Promise.allSettled([direct, call]);
    expect(b).toEqual(a);
    expect(b).toEqual({ status: 'rejected', reason });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('circuit breaker: config', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'a threshold below 1',
      { failureThreshold: 0 },
      /config\.circuitBreaker\.failureThreshold: expected a whole number >= 1/,
    ],
    [
      'a negative cooldown',
      { cooldownMs: -1 },
      /config\.circuitBreaker\.cooldownMs: expected a number of milliseconds > 0/,
    ],
    [
      'maxCooldownMs below cooldownMs',
      { cooldownMs: 10_000, maxCooldownMs: 5_000 },
      /config\.circuitBreaker\.maxCooldownMs: expected a number of milliseconds >= cooldownMs/,
    ],
    [
      'maxCooldownMs below the default cooldown',
      { maxCooldownMs: 10_000 },
      /config\.circuitBreaker\.maxCooldownMs: expected a number of milliseconds >= cooldownMs/,
    ],
    ['a store without the methods', { store: { get() {} } }, /config\.circuitBreaker\.store: expected a health store/],
    ['an unknown option', { cooldown: 5 }, /config\.circuitBreaker/],
    ['true', true, /config\.circuitBreaker: expected an object of circuit breaker options, or false/],
  ])('rejects %s, naming the field', (_, circuitBreaker, message) => {
    expect(() => withFallback([scriptedModel('a')], { circuitBreaker } as FallbackConfig)).toThrow(message);
  });
});
