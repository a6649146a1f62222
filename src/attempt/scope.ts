import { FallbackTimeoutError, type FallbackTimeoutKind } from '../errors/fallback-timeout-error';
import { Deadline, holdDeadline, moveDeadline, startDeadline, stopDeadline } from './deadlines';

type Clock = Exclude<FallbackTimeoutKind, 'chunk-idle'>;

/**
 * The life of one attempt: an AbortController linked to the caller's signal,
 * and the library's clocks that abort this attempt alone. Disposing it stops
 * every clock and the link, so nothing outlives the attempt.
 */
export class AttemptScope {
  private readonly controller = new AbortController();
  private readonly clocks: Partial<Record<Clock, Deadline>> = {};
  private idle: Deadline | undefined;
  private idleMs = 0;
  private onCallerAbort: (() => void) | undefined;
  /** While true, the clocks keep the process alive: the call is waiting on this attempt. */
  private held = true;
  /** The reject of a pending `race`, settled on abort. */
  private racer: ((reason: unknown) => void) | undefined;

  constructor(private readonly callerSignal: AbortSignal | undefined) {
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

  /** Starts a clock of `ms` from now (or ending at `at`); `false`/`undefined` leaves it off. */
  arm(kind: Clock, ms: number | false | undefined, at?: number): void {
    if (ms === false || ms === undefined || this.signal.aborted) return;
    let clock = this.clocks[kind];
    if (clock === undefined) {
      clock = new Deadline(() => this.abort(new FallbackTimeoutError({ kind, timeoutMs: ms })));
      this.clocks[kind] = clock;
    }
    startDeadline(clock, at ?? Date.now() + ms, this.held);
  }

  disarm(kind: Clock): void {
    const clock = this.clocks[kind];
    if (clock !== undefined) stopDeadline(clock);
  }

  /**
   * Starts the silence clock of a stream. It only counts while a read is
   * pending (`reading()` until `received()`): time the consumer spends not
   * reading (backpressure) is not silence.
   */
  armIdle(ms: number | false): void {
    if (ms === false || this.signal.aborted) return;
    this.idleMs = ms;
    this.idle = new Deadline(() => this.abort(new FallbackTimeoutError({ kind: 'chunk-idle', timeoutMs: ms })));
    startDeadline(this.idle, Number.POSITIVE_INFINITY, this.held);
  }

  /** A read of the stream starts: silence counts from now. */
  reading(): void {
    if (this.idle !== undefined) moveDeadline(this.idle, Date.now() + this.idleMs);
  }

  /** A read of the stream delivered a part. */
  received(): void {
    if (this.idle !== undefined) this.idle.at = Number.POSITIVE_INFINITY;
  }

  /**
   * The stream now belongs to its consumer: its clocks still end the attempt
   * while the process runs, but no longer keep the process alive, as the
   * bare provider's stream would not.
   */
  release(): void {
    this.held = false;
    for (const clock of Object.values(this.clocks)) holdDeadline(clock, false);
    if (this.idle !== undefined) holdDeadline(this.idle, false);
  }

  abort(reason: unknown): void {
    if (this.signal.aborted) return;
    this.stopClocks();
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
      promise.then(
        value => {
          this.racer = undefined;
          resolve(value);
        },
        error => {
          this.racer = undefined;
          reject(error);
        },
      );
    });
  }

  dispose(): void {
    this.stopClocks();
    if (this.onCallerAbort !== undefined) {
      this.callerSignal!.removeEventListener('abort', this.onCallerAbort);
      this.onCallerAbort = undefined;
    }
  }

  private stopClocks(): void {
    const { request, 'first-chunk': firstChunk, total } = this.clocks;
    if (request !== undefined) stopDeadline(request);
    if (firstChunk !== undefined) stopDeadline(firstChunk);
    if (total !== undefined) stopDeadline(total);
    if (this.idle !== undefined) stopDeadline(this.idle);
  }
}
