import { type LatencyWindow, percentileOf } from './latency-window';
import type { ResolvedHedge } from './options';

/** The wait before a hedge, and where it comes from (reported in `onHedge`). */
export interface HedgeDelay {
  afterMs: number;
  source: 'fixed' | 'initial' | 'observed';
}

/**
 * How long an attempt on an entry may go without committing before it is
 * hedged: the configured number, or with `'auto'` the entry's observed
 * percentile once `minSamples` were recorded (answers and cancelled
 * attempts), and `initialMs` before that or while none answered.
 */
export function hedgeDelay(hedge: ResolvedHedge, window: LatencyWindow): HedgeDelay {
  if (hedge.afterMs !== 'auto') return { afterMs: hedge.afterMs, source: 'fixed' };
  const observed = window.samples.length < hedge.minSamples ? undefined : percentileOf(window, hedge.percentile);
  return observed === undefined
    ? { afterMs: hedge.initialMs, source: 'initial' }
    : { afterMs: observed, source: 'observed' };
}
