import { afterEach, describe, expect, it, vi } from 'vitest';
import { GuardedStore, RECHECK_MS } from '../../src/health/guarded-store';
import type { HealthStore } from '../../src/index';
import { memoryHealthStore } from '../../src/index';

afterEach(() => {
  vi.useRealTimers();
});

/** A store that can be switched to failing or hanging, as a Redis that dies or stalls would. */
function flakyStore() {
  const inner = memoryHealthStore();
  let mode: 'up' | 'fail' | 'hang' = 'up';
  const calls = { count: 0 };
  const run = <T>(operation: () => Promise<T>): Promise<T> => {
    calls.count++;
    if (mode === 'fail') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6390'));
    if (mode === 'hang') return new Promise<T>(() => {});
    return operation();
  };
  const store: HealthStore = {
    get: keys => run(() => inner.get(keys)),
    set: (key, value, ttlMs, options) => run(() => inner.set(key, value, ttlMs, options)),
    increment: (key, ttlMs) => run(() => inner.increment(key, ttlMs)),
    delete: keys => run(() => inner.delete(keys)),
  };
  return { store, inner, calls, setMode: (next: typeof mode) => (mode = next) };
}

function spyLogger() {
  return { warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
}

describe('GuardedStore', () => {
  it('uses the store while it answers, and mirrors what it learns locally', async () => {
    const { store, inner, setMode } = flakyStore();
    const guarded = new GuardedStore(store);
    const context = { logger: spyLogger(), timeoutMs: 100 };
    expect(await guarded.increment('n', 10_000, context)).toBe(1);
    await inner.increment('n', 10_000); // another process counts too
    expect(await guarded.increment('n', 10_000, context)).toBe(3);
    setMode('fail');
    // Down: the local copy continues from the last count it saw.
    expect(await guarded.increment('n', 10_000, context)).toBe(4);
    expect(context.logger.warn).toHaveBeenCalledTimes(1);
  });

  it('keeps what a read returned, should the store then fail, until the expiry the reader gave it', async () => {
    vi.useFakeTimers();
    const { store, inner, setMode } = flakyStore();
    const guarded = new GuardedStore(store);
    const context = { logger: spyLogger(), timeoutMs: 100 };
    await inner.set('circuit', 'open', 60_000); // written by another process
    await inner.set('other', 'not mirrored', 60_000);
    expect(await guarded.get(['circuit', 'other'], context, [() => 5_000, undefined])).toEqual([
      'open',
      'not mirrored',
    ]);
    setMode('fail');
    expect(await guarded.get(['circuit', 'other'], context)).toEqual(['open', undefined]);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(await guarded.get(['circuit'], context)).toEqual(['open']);
    await vi.advanceTimersByTimeAsync(1);
    expect(await guarded.get(['circuit'], context)).toEqual([undefined]);
  });

  it('forgets locally what the store no longer has, so an outage cannot bring it back', async () => {
    const { store, inner, setMode } = flakyStore();
    const guarded = new GuardedStore(store);
    const context = { logger: spyLogger(), timeoutMs: 100 };
    await guarded.set('circuit', 'open', 60_000, {}, context); // mirrored locally as written
    await inner.delete(['circuit']); // another process closed it
    expect(await guarded.get(['circuit'], context, [() => 60_000])).toEqual([undefined]);
    setMode('fail');
    expect(await guarded.get(['circuit'], context)).toEqual([undefined]);
  });

  it('does not mirror a read that was on the wire while this process deleted the key', async () => {
    const inner = memoryHealthStore();
    let answer!: (values: (string | undefined)[]) => void;
    let held = true;
    let failing = false;
    const store: HealthStore = {
      get: keys => {
        if (failing) return Promise.reject(new Error('ECONNREFUSED'));
        if (!held) return inner.get(keys);
        held = false;
        return new Promise(resolve => (answer = resolve));
      },
      set: (key, value, ttlMs, options) => inner.set(key, value, ttlMs, options),
      increment: (key, ttlMs) => inner.increment(key, ttlMs),
      delete: keys => inner.delete(keys),
    };
    const guarded = new GuardedStore(store);
    const context = { logger: spyLogger(), timeoutMs: 1_000 };
    const stale = guarded.get(['circuit'], context, [() => 60_000]);
    await guarded.delete(['circuit'], context); // this process closed the circuit meanwhile
    answer(['open']); // the read left before the delete: it still saw the circuit
    expect(await stale).toEqual(['open']);
    failing = true;
    expect(await guarded.get(['circuit'], context)).toEqual([undefined]);
  });

  it('bounds a stalled store by the timeout, then answers from memory at once, warning once', async () => {
    vi.useFakeTimers();
    const { store, calls, setMode } = flakyStore();
    const guarded = new GuardedStore(store);
    const logger = spyLogger();
    const context = { logger, timeoutMs: 100 };
    await guarded.set('k', 'v', 60_000, {}, context);
    setMode('hang');

    const first = guarded.get(['k'], context);
    await vi.advanceTimersByTimeAsync(99);
    let settled = false;
    void first.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toEqual(['v']);
    expect(vi.getTimerCount()).toBe(0);

    const before = calls.count;
    for (let i = 0; i < 20; i++) expect(await guarded.get(['k'], context)).toEqual(['v']);
    expect(calls.count).toBe(before); // not asked again until the next check
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toMatch(/health store unavailable .*did not answer within 100 ms/);
    expect(guarded.available).toBe(false);
  });

  it('checks in the background once per second and resumes sharing when the store is back', async () => {
    vi.useFakeTimers();
    const { store, inner, calls, setMode } = flakyStore();
    const guarded = new GuardedStore(store);
    const logger = spyLogger();
    const context = { logger, timeoutMs: 100 };
    setMode('fail');
    expect(await guarded.get(['k'], context)).toEqual([undefined]);
    expect(guarded.available).toBe(false);

    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    const before = calls.count;
    await guarded.get(['k'], context); // starts one check, does not wait for it
    await guarded.get(['k'], context);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.count).toBe(before + 1);
    expect(guarded.available).toBe(false); // the check failed

    setMode('up');
    await inner.set('k', 'from another process', 60_000);
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    await guarded.get(['k'], context);
    await vi.advanceTimersByTimeAsync(0);
    expect(guarded.available).toBe(true);
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/answers again/));
    expect(await guarded.get(['k'], context)).toEqual(['from another process']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('treats a store that answers nonsense as down rather than trusting it', async () => {
    const bad: HealthStore = {
      get: async () => 'not an array' as unknown as string[],
      set: async () => true,
      increment: async () => Number.NaN,
      delete: async () => {},
    };
    const guarded = new GuardedStore(bad);
    const logger = spyLogger();
    expect(await guarded.get(['a'], { logger, timeoutMs: 100 })).toEqual([undefined]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('survives a store that throws synchronously', async () => {
    const throwing: HealthStore = {
      get: () => {
        throw new Error('boom');
      },
      set: async () => true,
      increment: async () => 1,
      delete: async () => {},
    };
    const guarded = new GuardedStore(throwing);
    expect(await guarded.get(['a'], { logger: spyLogger(), timeoutMs: 100 })).toEqual([undefined]);
  });
});
