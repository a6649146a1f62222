/**
 * The sweep on an Edge runtime's timers: `setTimeout` returns a number (no `ref`/`unref`) and there
 * is no `setImmediate`. The clocks still fire, and nothing reaches for the missing Node APIs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline, startDeadline, stopDeadline } from '../../src/attempt/deadlines';

class Recorded extends Deadline {
  fired = 0;
  fire(): void {
    this.fired++;
  }
}

describe('the deadline sweep with Web timers', () => {
  const node = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const made: Deadline[] = [];

  beforeEach(() => {
    // Node's timers behind number ids, as browsers and Edge runtimes return them.
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    let next = 0;
    vi.stubGlobal('setTimeout', (run: () => void, ms: number) => {
      const id = ++next;
      timers.set(
        id,
        node.setTimeout(() => {
          timers.delete(id);
          run();
        }, ms),
      );
      return id;
    });
    vi.stubGlobal('clearTimeout', (id: number) => {
      node.clearTimeout(timers.get(id));
      timers.delete(id);
    });
    vi.stubGlobal('setImmediate', undefined);
  });

  afterEach(() => {
    for (const deadline of made.splice(0)) stopDeadline(deadline);
    vi.unstubAllGlobals();
  });

  it('fires a held clock and a released one, and releasing reaches for no unref or setImmediate', async () => {
    const held = new Recorded();
    const released = new Recorded();
    made.push(held, released);
    startDeadline(held, Date.now() + 20, true);
    startDeadline(released, Date.now() + 30, false);
    stopDeadline(held);
    startDeadline(held, Date.now() + 10, true);

    await new Promise(resolve => node.setTimeout(resolve, 80));
    expect([held.fired, released.fired]).toEqual([1, 1]);
  });
});
