import type { Environment } from './environment';
import type { FailoverResult } from './failover';
import type { HeapResult } from './heap-child';
import type { FailoverSetup, OverheadLibrary } from './libraries';
import type { OverheadMetric, OverheadResults, RoundPlan } from './overhead';
import type { HedgingReport } from './report-hedging';

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  environment: Environment;
  load: { start: string; end: string };
  durationS: number;
  plan: {
    overheadRounds: Record<OverheadMetric, RoundPlan>;
    streamTextDeltas: number;
    streamParts: number;
    repetitions: number;
    heapCalls: number;
  };
  libraries: readonly OverheadLibrary[];
  overhead: OverheadResults;
  heap: HeapResult[];
  setups: readonly FailoverSetup[];
  failover: FailoverResult[];
  chartPath: string;
  /** Issue 15's hedging scenario (absent in runs saved before it existed). */
  hedging?: HedgingReport;
}
