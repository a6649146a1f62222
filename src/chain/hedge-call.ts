import type { AttemptScope } from '../attempt/scope';
import type { FallbackCallContext, FallbackCaughtError, FallbackMetadata } from '../types';
import type { ChainHealth, HealthCall } from './health';
import type { HedgeRace } from './hedge-race';
import { hedgeStatsOf } from './hedge-stats';
import { CANCELLED, recordLatency } from './latency-window';
import type { Chain, ResolvedEntry, ResolvedHedge } from './options';
import type { CallTrace } from './telemetry/call-trace';

/** What one call with hedging on shares between its races (made once per call, only when `hedge` is set). */
export interface HedgeCall<T> {
  chain: Chain;
  hedge: ResolvedHedge;
  context: FallbackCallContext;
  health: ChainHealth;
  call: HealthCall;
  signal: AbortSignal | undefined;
  deadline: number;
  attempt: (entry: ResolvedEntry, scope: AttemptScope, attempt: number) => Promise<T>;
  release: ((value: T) => void) | undefined;
  /** The call's spans, when recorded: each racer runs under its own attempt span. */
  trace: CallTrace | undefined;
  /** Set once the call started its hedge: at most one per call. */
  report?: NonNullable<FallbackMetadata['hedge']>;
  /** The racer cancelled because the other committed first, as `caught` lists it. */
  cancelled?: FallbackCaughtError;
}

/** The hedging of one call, made once per call and only when `hedge` is set. */
export function hedgeCall<T>(
  input: Pick<HedgeCall<T>, 'chain' | 'context' | 'signal' | 'attempt'> & { release?: (value: T) => void },
  hedge: ResolvedHedge,
  health: ChainHealth,
  call: HealthCall,
  deadline: number,
  trace: CallTrace | undefined,
): HedgeCall<T> {
  const { chain, context, signal, attempt, release } = input;
  return { chain, hedge, context, health, call, signal, deadline, attempt, release, trace };
}

/** After a success: the serving attempt's time to first output, and the cancelled racer's, for `'auto'`. */
export function recordTimes<T>(
  call: HedgeCall<T>,
  race: HedgeRace<T> | undefined,
  entry: ResolvedEntry,
  startedAt: number,
): void {
  if (race?.telling !== false) recordLatency(hedgeStatsOf(entry, call.hedge).window, Date.now() - startedAt);
  const lost = race?.loser?.entry;
  if (lost !== undefined) recordLatency(hedgeStatsOf(lost, call.hedge).window, CANCELLED);
}
