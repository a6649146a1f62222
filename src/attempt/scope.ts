import { FallbackTimeoutError, type FallbackTimeoutKind } from '../errors/fallback-timeout-error';
import { Deadline, holdDeadline, moveDeadline, startDeadline, stopDeadline } from './deadlines';

type Clock = Exclude<FallbackTimeoutKind, 'chunk-idle'>;

const NEVER = Number.POSITIVE_INFINITY;

/**
 * The life of one attempt: an AbortController linked to the caller's signal,
 * and the library's clocks that abort this attempt alone. The scope is one
 * node of the process-wide sweep, due at its earliest clock, so an attempt
 * costs one node however many clocks it runs. Disposing it stops every clock
 * and the link, so nothing outlives the attempt.
 */
export class AttemptScope extends Deadline {
  private readonly controller = new AbortController();
  private requestAt = NEVER;
  private firstChunkAt = NEVER;
  private totalAt = NEVER;
  private idleAt = NEVER;
  private requestMs = 0;
  private firstChunkMs = 0;
  private totalMs = 0;
  private idleMs: number | false = false;
  private onCallerAbort: (() => void) | undefined;
  /** While true, the clocks keep the process alive: the call is waiting on this attempt. */
  private holding = true;
  /** The reject of a pending `race`, settled on abort. */
  private racer: ((reason: unknown) => void) | undefined;

  /**
   * @param startedAt When the attempt starts (epoch ms): the clocks armed at its start count from here,
   *   so a call reads the clock once for all of them.
   */
  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly startedAt: number,
  ) {
    super();
    if (callerSignal === undefined) return;
    if (callerSignal.aborted) this.controller.abort(callerSignal.reason);
    else {
      this.onCallerAbort = () => this.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  /** Passed to the model: aborts on the caller's abort and on this attempt's timeouts. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the caller (not one of our clocks) aborted. */
  get abortedByCaller(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** The timeout that ended this attempt, if one did. */
  get timeout(): FallbackTimeoutError | undefined {
    const reason: unknown = this.controller.signal.reason;
    return !this.abortedByCaller && FallbackTimeoutError.isInstance(reason) ? reason : undefined;
  }

  /** Starts a clock of `ms` from the attempt's start (or ending at `at`); `false`/`undefined` leaves it off. */
  arm(kind: Clock, ms: number | false | undefined, at?: number): void {
    if (ms === false || ms === undefined || this.signal.aborted) return;
    const due = at ?? this.startedAt + ms;
    if (kind === 'request') {
      this.requestAt = due;
      this.requestMs = ms;
    } else if (kind === 'first-chunk') {
      this.firstChunkAt = due;
      this.firstChunkMs = ms;
    } else {
      this.totalAt = due;
      this.totalMs = ms;
    }
    this.schedule();
  }

  disarm(kind: Clock): void {
    if (kind === 'request') this.requestAt = NEVER;
    else if (kind === 'first-chunk') this.firstChunkAt = NEVER;
    else this.totalAt = NEVER;
    this.schedule();
  }

  /** The attempt answered: its request and first-chunk clocks stop (the others run on). */
  answered(): void {
    this.requestAt = NEVER;
    this.firstChunkAt = NEVER;
    this.schedule();
  }

  /**
   * Starts the silence clock of a stream. It only counts while a read is
   * pending (`reading()` until `received()`): time the consumer spends not
   * reading (backpressure) is not silence.
   */
  armIdle(ms: number | false): void {
    if (this.signal.aborted) return;
    this.idleMs = ms;
  }

  /** A read of the stream starts: silence counts from now. */
  reading(): void {
    if (this.idleMs === false) return;
    this.idleAt = Date.now() + this.idleMs;
    // Later than the earliest clock is the common case: moving the node costs a field write.
    if (this.linked && this.idleAt >= this.at) return;
    this.schedule();
  }

  /** A read of the stream delivered a part. */
  received(): void {
    // Left in place while other clocks are earlier; the sweep checks which clock is due when it fires.
    this.idleAt = NEVER;
  }

  /**
   * The stream now belongs to its consumer: its clocks still end the attempt
   * while the process runs, but no longer keep the process alive, as the
   * bare provider's stream would not.
   */
  release(): void {
    this.holding = false;
    holdDeadline(this, false);
  }

  /** Called by the sweep: the clock that is due aborts the attempt; a clock moved meanwhile is rescheduled. */
  fire(): void {
    const now = Date.now();
    if (this.totalAt <= now) this.expire('total', this.totalMs);
    else if (this.requestAt <= now) this.expire('request', this.requestMs);
    else if (this.firstChunkAt <= now) this.expire('first-chunk', this.firstChunkMs);
    else if (this.idleAt <= now) this.expire('chunk-idle', this.idleMs as number);
    else this.schedule();
  }

  abort(reason: unknown): void {
    if (this.signal.aborted) return;
    stopDeadline(this);
    this.controller.abort(reason);
    const reject = this.racer;
    this.racer = undefined;
    reject?.(reason);
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the
   * attempt aborts: a model that ignores its abort signal cannot hold the call.
   */
  race<T>(promise: PromiseLike<T>): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) {
      Promise.resolve(promise).then(undefined, () => {});
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.racer = reject;
      // Once settled, a later abort calls a settled promise's reject: a no-op, so nothing is cleared.
      promise.then(resolve, reject);
    });
  }

  dispose(): void {
    stopDeadline(this);
    if (this.onCallerAbort !== undefined) {
      this.callerSignal!.removeEventListener('abort', this.onCallerAbort);
      this.onCallerAbort = undefined;
    }
  }

  private expire(kind: FallbackTimeoutKind, timeoutMs: number): void {
    this.abort(new FallbackTimeoutError({ kind, timeoutMs }));
  }

  /** Puts the node at the earliest running clock, or takes it out of the sweep when none runs. */
  private schedule(): void {
    const at = Math.min(this.requestAt, this.firstChunkAt, this.totalAt, this.idleAt);
    if (at === NEVER) stopDeadline(this);
    else if (this.linked) moveDeadline(this, at);
    else if (!this.signal.aborted) startDeadline(this, at, this.holding);
  }
}
