import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryHealthStore } from '../../src/index';

afterEach(() => {
  vi.useRealTimers();
});

describe('memoryHealthStore', () => {
  it('keeps values for their TTL only, without a timer', async () => {
    vi.useFakeTimers();
    const store = memoryHealthStore();
    await store.set('a', '1', 1_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(await store.get(['a', 'b'])).toEqual(['1', undefined]);
    vi.advanceTimersByTime(999);
    expect(await store.get(['a'])).toEqual(['1']);
    vi.advanceTimersByTime(1);
    expect(await store.get(['a'])).toEqual([undefined]);
  });

  it('sets if absent only when the key is absent or expired', async () => {
    vi.useFakeTimers();
    const store = memoryHealthStore();
    expect(await store.set('lease', 'a', 500, { ifAbsent: true })).toBe(true);
    expect(await store.set('lease', 'b', 500, { ifAbsent: true })).toBe(false);
    expect(await store.get(['lease'])).toEqual(['a']);
    vi.advanceTimersByTime(500);
    expect(await store.set('lease', 'c', 500, { ifAbsent: true })).toBe(true);
  });

  it('counts concurrent increments without losing one, and restarts after the TTL', async () => {
    vi.useFakeTimers();
    const store = memoryHealthStore();
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('n', 1_000)));
    expect(new Set(counts).size).toBe(50);
    expect(Math.max(...counts)).toBe(50);
    vi.advanceTimersByTime(1_000);
    expect(await store.increment('n', 1_000)).toBe(1);
  });

  it('deletes keys', async () => {
    const store = memoryHealthStore();
    await store.set('a', '1', 1_000);
    await store.set('b', '2', 1_000);
    await store.delete(['a', 'missing']);
    expect(await store.get(['a', 'b'])).toEqual([undefined, '2']);
  });
});
