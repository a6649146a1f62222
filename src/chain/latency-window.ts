/**
 * The last `size` times to first output of one entry, in this process: a
 * ring buffer, so recording a sample never allocates once it is full. An
 * attempt cancelled because the other racer committed first is recorded as
 * `Infinity` (`CANCELLED`): it was slower than it was allowed to be, by how
 * much nobody saw.
 */
export interface LatencyWindow {
  readonly samples: number[];
  readonly size: number;
  /** Where the next sample goes once the buffer is full. */
  next: number;
}

/** How many samples `'auto'` keeps per entry: enough for a p99 to mean something, cheap to sort. */
export const WINDOW_SIZE = 100;

/** The sample of an attempt that lost a hedge race. */
export const CANCELLED = Number.POSITIVE_INFINITY;

export function latencyWindow(size = WINDOW_SIZE): LatencyWindow {
  return { samples: [], size, next: 0 };
}

/** Records one time to first output, dropping the oldest once the window is full. */
export function recordLatency(window: LatencyWindow, ms: number): void {
  if (window.samples.length < window.size) window.samples.push(ms);
  else {
    window.samples[window.next] = ms;
    window.next = (window.next + 1) % window.size;
  }
}

/**
 * The `percentile` (0 < p ≤ 100) of the window by nearest rank: the smallest
 * sample that at least p % of the samples do not exceed. Cancelled attempts
 * rank above every answer; when the rank falls among them, the slowest
 * answer seen stands in (how slow they were is unknown). `undefined` when
 * no attempt answered.
 */
export function percentileOf(window: LatencyWindow, percentile: number): number | undefined {
  const sorted = [...window.samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  let at = Math.min(rank, sorted.length) - 1;
  while (at >= 0 && sorted[at] === CANCELLED) at--;
  return at < 0 ? undefined : sorted[at];
}
