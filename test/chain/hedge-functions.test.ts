// The small decisions of hedging as tables: the latency window and its percentile, the wait in force
// (`hedgeDelay`), and the token bucket that keeps hedged calls to `maxRatio`.
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/chain/defaults';
import { budgetCapacity, canHedge, earnHedge, hedgeBudget, spendHedge } from '../../src/chain/hedge-budget';
import { hedgeDelay } from '../../src/chain/hedge-delay';
import { latencyWindow, percentileOf, recordLatency } from '../../src/chain/latency-window';
import type { ResolvedHedge } from '../../src/chain/options';

const windowOf = (samples: number[], size = 100) => {
  const window = latencyWindow(size);
  for (const ms of samples) recordLatency(window, ms);
  return window;
};

describe('percentileOf (nearest rank)', () => {
  it.each<[string, number[], number, number | undefined]>([
    ['no samples: nothing to say', [], 95, undefined],
    ['one sample is every percentile', [120], 95, 120],
    ['the median of an odd count', [30, 10, 20], 50, 20],
    ['p95 of 1..100 is 95', Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    ['p95 of 20 samples is the 19th', Array.from({ length: 20 }, (_, i) => (i + 1) * 10), 95, 190],
    ['p100 is the slowest', [5, 500, 50], 100, 500],
    ['a tail of 5 % sits above p95 of 100', [...Array(95).fill(150), ...Array(5).fill(4_000)], 95, 150],
    ['a tail of 6 % is p95', [...Array(94).fill(150), ...Array(6).fill(4_000)], 95, 4_000],
    ['a tiny percentile is the fastest', [40, 10, 30], 0.1, 10],
    ['cancelled attempts rank above every answer', [Infinity, 300, 100, 200], 50, 200],
    [
      'a rank among the cancelled: the slowest answer stands in',
      [...Array(94).fill(150), 170, ...Array(5).fill(Infinity)],
      99,
      170,
    ],
    ['nothing answered: nothing to say', [Infinity, Infinity], 95, undefined],
  ])('%s', (_, samples, percentile, expected) => {
    expect(percentileOf(windowOf(samples), percentile)).toBe(expected);
  });

  it('keeps the last `size` samples: the oldest go first', () => {
    const window = windowOf([1_000, 1_000, 10, 20, 30], 3);
    expect([...window.samples].sort((a, b) => a - b)).toEqual([10, 20, 30]);
    expect(percentileOf(window, 100)).toBe(30);
  });
});

const auto = (overrides: Partial<ResolvedHedge> = {}): ResolvedHedge => ({
  ...DEFAULTS.hedge,
  afterMs: 'auto',
  ...overrides,
});

describe('hedgeDelay', () => {
  it.each<[string, ResolvedHedge, number[], ReturnType<typeof hedgeDelay>]>([
    ['a number is used as it is', auto({ afterMs: 400 }), [10, 10, 10], { afterMs: 400, source: 'fixed' }],
    ["'auto' with no samples waits initialMs", auto(), [], { afterMs: 1_000, source: 'initial' }],
    [
      "'auto' below minSamples still waits initialMs",
      auto({ minSamples: 3 }),
      [10, 10],
      { afterMs: 1_000, source: 'initial' },
    ],
    [
      "'auto' at minSamples uses the percentile",
      auto({ minSamples: 3, percentile: 50 }),
      [10, 30, 20],
      { afterMs: 20, source: 'observed' },
    ],
    [
      "'auto' while every sample was cancelled still waits initialMs",
      auto({ minSamples: 2 }),
      [Infinity, Infinity],
      { afterMs: 1_000, source: 'initial' },
    ],
    [
      "'auto' follows the samples as they change",
      auto({ minSamples: 3, percentile: 50 }),
      [10, 10, 10, 300, 300, 300, 300],
      { afterMs: 300, source: 'observed' },
    ],
  ])('%s', (_, hedge, samples, expected) => {
    expect(hedgeDelay(hedge, windowOf(samples))).toEqual(expected);
  });
});

describe('the hedge budget (token bucket)', () => {
  /** Runs calls that each want a hedge; true where one was allowed. */
  const hedgedCalls = (maxRatio: number, calls: number) => {
    const budget = hedgeBudget();
    const hedged: boolean[] = [];
    for (let i = 0; i < calls; i++) {
      earnHedge(budget, maxRatio);
      hedged.push(canHedge(budget) && spendHedge(budget));
    }
    return hedged;
  };

  it.each<[string, number, number, number]>([
    ['0.5: the first token, then one call in two', 0.5, 10, 6],
    ['0.05: the first, then one call in 20', 0.05, 100, 6],
    ['1: every call', 1, 10, 10],
  ])('%s', (_, maxRatio, calls, expected) => {
    expect(hedgedCalls(maxRatio, calls).filter(Boolean)).toHaveLength(expected);
  });

  it('the first hedge is allowed at once, the next only after its share was earned', () => {
    expect(hedgedCalls(0.5, 5)).toEqual([true, true, false, true, false]);
  });

  it.each<[number, number]>([
    [0.05, 5],
    [0.001, 1],
    [1, 100],
  ])('maxRatio %s holds at most %s tokens: a quiet spell saves up no more', (maxRatio, capacity) => {
    expect(budgetCapacity(maxRatio)).toBe(capacity);
    const budget = hedgeBudget();
    for (let i = 0; i < 10_000; i++) earnHedge(budget, maxRatio);
    expect(budget.tokens).toBe(capacity);
  });

  it('spending an empty bucket takes nothing', () => {
    const budget = { tokens: 0.5 };
    expect(spendHedge(budget)).toBe(false);
    expect(budget.tokens).toBe(0.5);
  });
});
