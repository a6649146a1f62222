/** The middle value (mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile, `p` in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median absolute deviation relative to the median: a spread measure that one noisy round cannot blow up. */
export function relativeMad(values: readonly number[]): number {
  const mid = median(values);
  return median(values.map(value => Math.abs(value - mid))) / mid;
}

/** Formats a number with a sensible count of significant digits for tables. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Milliseconds for humans: `850 ms`, `2.03 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 1000 ? `${formatNumber(ms / 1000)} s` : `${formatNumber(ms)} ms`;
}

/**
 * CPU time this process has used, in milliseconds (user + system, all its
 * threads; the per-thread counter only moves in scheduler ticks of several
 * milliseconds, too coarse here). The in-memory benchmarks do no I/O, so on
 * an idle machine this is their wall time; on a busy one it leaves out the
 * time spent waiting for a core, which would otherwise land on whichever
 * library happened to be running.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
