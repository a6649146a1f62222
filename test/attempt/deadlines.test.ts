/**
 * The process-wide sweep behind every clock of every call, driven directly
 * under fake timers: when each deadline fires, how many real timers it
 * costs, and whether that timer keeps the process alive.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline, holdDeadline, moveDeadline, startDeadline, stopDeadline } from '../../src/attempt/deadlines';

type Timer = ReturnType<typeof setTimeout>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Every deadline a test made, so each test leaves the sweep empty for the next. */
const made: Deadline[] = [];
/** The timers the sweep armed and has not cleared or seen fire, and the delay of each arm. */
const live = new Set<Timer>();
const delays: number[] = [];
let t0 = 0;
/** `[name, ms after t0]` of every fire, in order. */
let fired: [string, number][] = [];

/** A deadline that records its name and the time (since t0) it fired at. */
class Recorded extends Deadline {
  constructor(
    private readonly name: string,
    private readonly onFire?: () => void,
  ) {
    super();
  }

  fire(): void {
    fired.push([this.name, Date.now() - t0]);
    this.onFire?.();
  }
}

function deadline(name: string, onFire?: () => void): Deadline {
  const made_ = new Recorded(name, onFire);
  made.push(made_);
  return made_;
}

/** Whether the sweep's timer keeps the process alive (a fake timer tracks ref/unref like Node's). */
function timerHeld(): boolean {
  expect(live.size).toBeLessThanOrEqual(1);
  const [timer] = live;
  return timer?.hasRef() ?? false;
}

let restoreFakes: (() => void) | undefined;

// Fake timers plus a thin record of what the sweep asks of them: the delays and the live timer.
function installRecordingFakeTimers(): void {
  vi.useFakeTimers();
  const fakeSet = globalThis.setTimeout;
  const fakeClear = globalThis.clearTimeout;
  // vitest restores only its own fakes on uninstall: put them back first.
  restoreFakes = () => {
    globalThis.setTimeout = fakeSet;
    globalThis.clearTimeout = fakeClear;
  };
  globalThis.setTimeout = ((callback: () => void, ms: number) => {
    delays.push(ms);
    const timer: Timer = fakeSet(() => {
      live.delete(timer);
      callback();
    }, ms);
    live.add(timer);
    return timer;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((timer: Timer) => {
    live.delete(timer);
    fakeClear(timer);
  }) as typeof clearTimeout;
}

function useRealTimers(): void {
  restoreFakes?.();
  restoreFakes = undefined;
  vi.useRealTimers();
}

beforeEach(() => {
  installRecordingFakeTimers();
  t0 = Date.now();
  fired = [];
  delays.length = 0;
});

afterEach(() => {
  for (const each of made.splice(0)) stopDeadline(each);
  if (restoreFakes !== undefined) vi.runAllTimers();
  live.clear();
  useRealTimers();
});

describe('the deadline sweep', () => {
  it.each([
    { name: 'one', at: [100] },
    { name: 'started in order', at: [100, 200, 300] },
    { name: 'started out of order', at: [300, 100, 200] },
    { name: 'two at the same time', at: [200, 100, 200] },
    { name: 'one at once', at: [0, 50] },
    { name: 'one already past', at: [-10, 50] },
  ])('fires each deadline exactly at its time, earliest first: $name', ({ at }) => {
    for (const [index, ms] of at.entries()) startDeadline(deadline(`d${index}`), t0 + ms, true);
    // One real timer for all of them, however many there are.
    expect(vi.getTimerCount()).toBe(1);
    vi.runAllTimers();
    const expected = at
      .map((ms, index): [string, number] => [`d${index}`, Math.max(0, ms)])
      .sort((a, b) => a[1] - b[1]);
    expect(fired.map(([, ms]) => ms)).toEqual(expected.map(([, ms]) => ms));
    expect([...fired].sort()).toEqual([...expected].sort());
  });

  it('does not fire a deadline one millisecond early', () => {
    startDeadline(deadline('a'), t0 + 1_000, true);
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['a', 1_000]]);
  });

  it.each([
    {
      name: 'the earliest',
      stop: 'a',
      left: [
        ['b', 200],
        ['c', 300],
      ],
    },
    {
      name: 'a middle one',
      stop: 'b',
      left: [
        ['a', 100],
        ['c', 300],
      ],
    },
    {
      name: 'the last',
      stop: 'c',
      left: [
        ['a', 100],
        ['b', 200],
      ],
    },
  ])('never fires a stopped deadline, and still fires the others on time: $name', ({ stop, left }) => {
    const all = { a: deadline('a'), b: deadline('b'), c: deadline('c') };
    startDeadline(all.a, t0 + 100, true);
    startDeadline(all.b, t0 + 200, true);
    startDeadline(all.c, t0 + 300, true);
    stopDeadline(all[stop as keyof typeof all]);
    vi.runAllTimers();
    expect(fired).toEqual(left);
  });

  it('ignores stopping a deadline twice, or one never started', () => {
    const a = deadline('a');
    stopDeadline(a);
    startDeadline(a, t0 + 100, true);
    stopDeadline(a);
    stopDeadline(a);
    startDeadline(deadline('b'), t0 + 200, true);
    vi.runAllTimers();
    expect(fired).toEqual([['b', 200]]);
  });

  it.each([
    { name: 'restarted later', move: 'start', to: 500 },
    { name: 'restarted earlier', move: 'start', to: 50 },
    { name: 'moved later (the idle path)', move: 'move', to: 500 },
    { name: 'moved earlier (the idle path)', move: 'move', to: 50 },
  ])('fires a deadline $name at its new time only', ({ move, to }) => {
    const a = deadline('a');
    startDeadline(a, t0 + 200, true);
    startDeadline(deadline('b'), t0 + 300, true);
    vi.advanceTimersByTime(10);
    if (move === 'start') startDeadline(a, t0 + to, true);
    else moveDeadline(a, t0 + to);
    vi.runAllTimers();
    expect(fired).toEqual(
      to < 300
        ? [
            ['a', to],
            ['b', 300],
          ]
        : [
            ['b', 300],
            ['a', to],
          ],
    );
  });

  it('keeps a paused deadline (at Infinity) linked but never due, until it is moved', () => {
    const idle = deadline('idle');
    startDeadline(idle, Number.POSITIVE_INFINITY, true);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    moveDeadline(idle, Date.now() + 100);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['idle', 10_100]]);
  });

  it('drops to no real timer once the last deadline has passed', () => {
    startDeadline(deadline('a'), t0 + 100, true);
    startDeadline(deadline('b'), t0 + 5_000, true);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(100);
    // Re-armed for the next deadline: still one timer.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4_900);
    expect(fired).toEqual([
      ['a', 100],
      ['b', 5_000],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops to no real timer when every deadline was stopped, once the armed time has passed', () => {
    const a = deadline('a');
    startDeadline(a, t0 + 100, true);
    stopDeadline(a);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a deadline that a firing one starts, and keeps the others on time', () => {
    // a fires at 100 and starts c at 400; b (300) must not wait for c.
    startDeadline(
      deadline('a', () => startDeadline(deadline('c'), t0 + 400, true)),
      t0 + 100,
      true,
    );
    startDeadline(deadline('b'), t0 + 300, true);
    vi.runAllTimers();
    expect(fired).toEqual([
      ['a', 100],
      ['b', 300],
      ['c', 400],
    ]);
  });

  it('fires a deadline that a firing one starts earlier than the others', () => {
    startDeadline(
      deadline('a', () => startDeadline(deadline('c'), t0 + 150, true)),
      t0 + 100,
      true,
    );
    startDeadline(deadline('b'), t0 + 300, true);
    vi.runAllTimers();
    expect(fired).toEqual([
      ['a', 100],
      ['c', 150],
      ['b', 300],
    ]);
  });

  it('lets a firing deadline stop another that is due at the same time', () => {
    const b = deadline('b');
    startDeadline(b, t0 + 100, true);
    startDeadline(
      deadline('a', () => stopDeadline(b)),
      t0 + 100,
      true,
    );
    vi.runAllTimers();
    // Both were due in the same sweep: each fires once, none twice, the sweep ends empty.
    expect(fired.filter(([name]) => name === 'a')).toEqual([['a', 100]]);
    expect(fired.filter(([name]) => name === 'b').length).toBeLessThanOrEqual(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('deadlines longer than a timer can wait', () => {
  const DAY = 86_400_000;

  it.each([
    { name: 'just over the limit', ms: MAX_TIMER_MS + 1 },
    { name: '30 days', ms: 30 * DAY },
    { name: 'a year', ms: 365 * DAY },
  ])('fires exactly on time, arming no timer past the limit: $name', ({ ms }) => {
    startDeadline(deadline('long'), t0 + ms, true);
    vi.advanceTimersByTime(ms - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['long', ms]]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a short deadline started after a long one at its own time', () => {
    startDeadline(deadline('long'), t0 + 30 * DAY, true);
    startDeadline(deadline('short'), t0 + 1_000, true);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([['short', 1_000]]);
    vi.advanceTimersByTime(30 * DAY - 1_000);
    expect(fired).toEqual([
      ['short', 1_000],
      ['long', 30 * DAY],
    ]);
  });
});

describe('what keeps the process alive', () => {
  it.each([
    { name: 'a held deadline holds', steps: ['start a held'], held: true },
    { name: 'an unheld deadline does not', steps: ['start a free'], held: false },
    { name: 'releasing the only held one lets go', steps: ['start a held', 'release a'], held: false },
    { name: 'releasing one of two held still holds', steps: ['start a held', 'start b held', 'release a'], held: true },
    { name: 'stopping the only held one lets go', steps: ['start a held', 'stop a'], held: false },
    { name: 'holding an unheld one holds', steps: ['start a free', 'hold a'], held: true },
    { name: 'restarting a held one unheld lets go', steps: ['start a held', 'start a free'], held: false },
    { name: 'restarting an unheld one held holds', steps: ['start a free', 'start a held'], held: true },
    { name: 'a held one re-armed earlier still holds', steps: ['start a held', 'start b free early'], held: true },
    { name: 'an unheld one re-armed earlier does not', steps: ['start a free', 'start b free early'], held: false },
    {
      name: 'releasing twice counts once',
      steps: ['start a held', 'start b held', 'release a', 'release a'],
      held: true,
    },
    { name: 'holding a stopped one does nothing', steps: ['start a held', 'stop a', 'hold a'], held: false },
  ])('$name', ({ steps, held }) => {
    const named = { a: deadline('a'), b: deadline('b') };
    for (const step of steps) {
      const [verb, which, how, when] = step.split(' ') as [string, 'a' | 'b', string?, string?];
      const target = named[which];
      if (verb === 'start') startDeadline(target, t0 + (when === 'early' ? 100 : 1_000), how === 'held');
      else if (verb === 'release') holdDeadline(target, false);
      else if (verb === 'hold') holdDeadline(target, true);
      else stopDeadline(target);
    }
    expect(timerHeld()).toBe(held);
  });

  it('lets go once a held deadline fires, and holds again for the next held one', () => {
    startDeadline(deadline('a'), t0 + 100, true);
    startDeadline(deadline('b'), t0 + 200, false);
    vi.advanceTimersByTime(100);
    // Only the unheld b is left: the timer armed for it does not hold the process.
    expect(fired).toEqual([['a', 100]]);
    expect(timerHeld()).toBe(false);
    startDeadline(deadline('c'), t0 + 300, true);
    expect(timerHeld()).toBe(true);
  });
});

describe('timer functions replaced while a deadline runs (fake timers installed or removed)', () => {
  it('fires a deadline armed before fake timers were installed, on the fake clock', () => {
    useRealTimers();
    const start = Date.now();
    startDeadline(deadline('before'), start + 1_000, true);
    installRecordingFakeTimers();
    t0 = start;
    // The next call's clocks meet the new timer functions: the sweep re-arms with them.
    startDeadline(deadline('after'), Date.now() + 5_000, true);
    vi.advanceTimersByTime(1_000 - (Date.now() - start));
    expect(fired.map(([name]) => name)).toEqual(['before']);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('clears the real timer when it re-arms with fake ones', () => {
    useRealTimers();
    const realClear = globalThis.clearTimeout;
    const cleared: unknown[] = [];
    globalThis.clearTimeout = ((timer: Timer) => {
      cleared.push(timer);
      realClear(timer);
    }) as typeof clearTimeout;
    try {
      startDeadline(deadline('before'), Date.now() + 60_000, true);
      installRecordingFakeTimers();
      startDeadline(deadline('after'), Date.now() + 1_000, true);
      // The real timer was cleared with the real clearTimeout it was armed with: it cannot hold the process.
      expect(cleared).toHaveLength(1);
    } finally {
      useRealTimers();
      globalThis.clearTimeout = realClear;
      installRecordingFakeTimers();
    }
  });
});
