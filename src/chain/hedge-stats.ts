import { type HedgeBudget, hedgeBudget } from './hedge-budget';
import { type LatencyWindow, latencyWindow, WINDOW_SIZE } from './latency-window';
import type { ResolvedEntry, ResolvedHedge } from './options';

/** What hedging knows about one entry in this process. */
export interface HedgeStats {
  /** Its times to first output (successful attempts), for `'auto'`. */
  window: LatencyWindow;
  /** Its share of hedges (`maxRatio`). */
  budget: HedgeBudget;
}

// Keyed by the resolved entry, the chain's own object for it: the chains of a continuation
// and of `fallbackMiddleware` share their entries, so they share what was learnt about them.
const stats = new WeakMap<ResolvedEntry, HedgeStats>();

/** The entry's stats, made at its first call with hedging on. */
export function hedgeStatsOf(entry: ResolvedEntry, hedge: ResolvedHedge): HedgeStats {
  let known = stats.get(entry);
  if (known === undefined) {
    known = { window: latencyWindow(Math.max(WINDOW_SIZE, hedge.minSamples)), budget: hedgeBudget() };
    stats.set(entry, known);
  }
  return known;
}
