import { Deadline, startDeadline, stopDeadline } from '../attempt/deadlines';
import { HeldFailure } from '../attempt/held-failure';
import { AttemptScope } from '../attempt/scope';
import { type ChainState, decide, type Outcome } from './decide';
import { entryRef } from './failure';
import type { AdmittedGate } from './health';
import { canHedge, earnHedge, spendHedge } from './hedge-budget';
import type { HedgeCall } from './hedge-call';
import { type HedgeDelay, hedgeDelay } from './hedge-delay';
import { type HedgeStats, hedgeStatsOf } from './hedge-stats';
import { observe } from './observe';
import type { ResolvedEntry } from './options';

/** One attempt of a race: the attempt the loop started, or the hedge. */
export interface Racer {
  entry: ResolvedEntry;
  /** Position in the chain's entries. */
  position: number;
  /** 1-based attempt on this entry. */
  attempt: number;
  gate: AdmittedGate;
  scope: AttemptScope;
  startedAt: number;
  settled?: boolean;
}

const SLOW: Outcome = Object.freeze({ kind: 'slow', hedged: false });
const SLOW_AGAIN: Outcome = Object.freeze({ kind: 'slow', hedged: true });

/**
 * The race of an attempt that may be hedged, or `undefined` when it cannot
 * be (no entry to hedge to, or the call already hedged): the loop then runs
 * the attempt alone, as without hedging.
 */
export function hedgeRace<T>(call: HedgeCall<T>, primary: Racer, state: ChainState): HedgeRace<T> | undefined {
  const action = decide(call.chain.policy, state, call.report === undefined ? SLOW : SLOW_AGAIN);
  if (action.kind !== 'hedge') return undefined;
  const stats = hedgeStatsOf(primary.entry, call.hedge);
  earnHedge(stats.budget, call.hedge.maxRatio);
  return new HedgeRace(call, primary, call.chain.entries[action.to]!, action.to, stats);
}

/** The abort reason of the racer that lost: never a failure, never shown. */
function lostRace(): DOMException {
  return new DOMException('Another attempt of this call committed first (hedged request)', 'AbortError');
}

/**
 * An attempt and, once it has gone `afterMs` without committing, its hedge:
 * the first to commit wins and the other is cancelled at once (its scope
 * aborted, so its request is closed and its stream cancelled). A racer that
 * fails while the other runs is set aside (`earlier`) and the race waits;
 * when every racer failed, the race rejects with the last failure. The
 * clock is a node of the process-wide sweep, not a timer of its own.
 */
export class HedgeRace<T> extends Deadline {
  /** The racer whose outcome ends the race: the winner, or the last to fail. */
  current: Racer;
  /** A racer that failed while the other ran, with when: the loop records it once the race is over. */
  earlier: { racer: Racer; error: unknown; at: number } | undefined;
  private hedge: Racer | undefined;
  /** The racer cancelled because the other committed first. */
  loser: Racer | undefined;
  private done = false;
  /** The clock fired: the attempt went `afterMs` without committing. */
  private fired = false;
  private resolve!: (value: T) => void;
  private reject!: (error: unknown) => void;
  private readonly delay: HedgeDelay;

  constructor(
    private readonly call: HedgeCall<T>,
    private readonly primary: Racer,
    private readonly target: ResolvedEntry,
    private readonly targetPosition: number,
    private readonly stats: HedgeStats,
  ) {
    super();
    this.current = primary;
    this.delay = hedgeDelay(call.hedge, stats.window);
  }

  /** Runs the race: settles with the winner's value, or rejects with the last failure. */
  run(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      startDeadline(this, this.primary.startedAt + this.delay.afterMs, true);
      this.follow(this.primary);
    });
  }

  /** The clock: the attempt has not committed after `afterMs`. */
  fire(): void {
    this.fired = true;
    if (this.done || !canHedge(this.stats.budget)) return;
    const admitted = this.call.health.admitHedge(this.call.call, this.target);
    if (admitted instanceof Promise) admitted.then(gate => this.start(gate));
    else this.start(admitted);
  }

  private start(gate: AdmittedGate | undefined): void {
    const { call } = this;
    // Its circuit is open or half-open, the race is over, or the bucket ran dry meanwhile: no hedge.
    if (gate === undefined || this.done || call.signal?.aborted || !spendHedge(this.stats.budget)) return;
    const startedAt = Date.now();
    const scope = new AttemptScope(call.signal, startedAt);
    if (call.deadline !== Number.POSITIVE_INFINITY) scope.arm('total', call.chain.options.totalMs, call.deadline);
    const hedge: Racer = { entry: this.target, position: this.targetPosition, attempt: 1, gate, scope, startedAt };
    this.hedge = hedge;
    const { afterMs, source } = this.delay;
    call.report = { afterMs, started: entryRef(this.target), winner: entryRef(this.primary.entry) };
    observe(call.chain.options, call.context, {
      kind: 'hedge',
      entry: this.primary.entry,
      to: this.target,
      afterMs,
      source,
    });
    this.follow(hedge);
  }

  private follow(racer: Racer): void {
    let running: Promise<T>;
    try {
      const { trace, attempt } = this.call;
      const run = () => attempt(racer.entry, racer.scope, racer.attempt);
      const hedge = racer !== this.primary;
      running = racer.scope.race(trace === undefined ? run() : trace.attempt(racer.entry, racer.attempt, run, hedge));
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      value => this.won(racer, value),
      error => this.lost(racer, error),
    );
  }

  /**
   * Whether the first racer's time says anything about the wait to hedge after: not when it went past the
   * wait and no hedge started (the bucket was empty, or the target's circuit was not closed). Recording
   * those would let a run of unhedged slow attempts pull the percentile into the tail, where it would stay.
   */
  get telling(): boolean {
    return !this.fired || this.hedge !== undefined;
  }

  private other(racer: Racer): Racer | undefined {
    return racer === this.primary ? this.hedge : this.primary;
  }

  private end(racer: Racer): void {
    this.done = true;
    this.current = racer;
    stopDeadline(this);
  }

  private won(racer: Racer, value: T): void {
    racer.settled = true;
    if (this.done) {
      // The loser had committed in the same turn: its stream is closed unread.
      this.call.release?.(value);
      this.cancelled(racer);
      return;
    }
    this.end(racer);
    const other = this.other(racer);
    if (other !== undefined && other.settled !== true) {
      this.loser = other;
      const { call } = this;
      call.cancelled = {
        ...entryRef(other.entry),
        type: 'hedged',
        message: `cancelled: ${racer.entry.id} committed first`,
      };
      other.scope.abort(lostRace());
    }
    this.call.trace?.raced(racer === this.hedge, true);
    this.resolve(value);
  }

  private lost(racer: Racer, error: unknown): void {
    racer.settled = true;
    if (racer === this.loser || this.done) {
      if (error instanceof HeldFailure) error.discard();
      this.cancelled(racer);
      return;
    }
    const other = this.other(racer);
    if (other === undefined || other.settled === true) {
      // Nobody else runs (the hedge never started, or already failed): the loop goes on from this failure.
      this.end(racer);
      this.call.trace?.raced(racer === this.hedge, false);
      this.reject(error);
      return;
    }
    // The other may still commit: this failure is set aside, and what it holds is freed now.
    if (error instanceof HeldFailure) error.discard();
    racer.scope.dispose();
    if (racer.scope.abortedByCaller) this.call.health.released(this.call.call, racer.entry, racer.gate);
    else this.earlier = { racer, error, at: Date.now() };
  }

  /** A racer that lost, or that committed after the race was decided: no verdict for health. */
  private cancelled(racer: Racer): void {
    racer.scope.dispose();
    this.call.health.released(this.call.call, racer.entry, racer.gate);
  }
}
