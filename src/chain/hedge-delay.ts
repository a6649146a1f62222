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
 * percentile once `minSamples` were recorded, and `initialMs` before that.
 */
export function hedgeDelay(hedge: ResolvedHedge, window: LatencyWindow): HedgeDelay {
  if (hedge.afterMs !== 'auto') return { afterMs: hedge.afterMs, source: 'fixed' };
  if (window.samples.length < hedge.minSamples) return { afterMs: hedge.initialMs, source: 'initial' };
  return { afterMs: percentileOf(window, hedge.percentile)!, source: 'observed' };
}
