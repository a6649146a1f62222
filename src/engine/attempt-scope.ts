import { FallbackTimeoutError, type FallbackTimeoutKind } from '../errors/fallback-timeout-error';

/**
 * The life of one attempt: an AbortController linked to the caller's signal,
 * and the library's clocks that abort this attempt alone. Disposing it clears
 * every timer and the link, so nothing outlives the attempt.
 */
export class AttemptScope {
  private readonly controller = new AbortController();
  private readonly timers = new Map<FallbackTimeoutKind, ReturnType<typeof setTimeout>>();
  private readonly unlink: () => void;
  private idleMs = 0;
  private lastActivity = 0;
  /** True while a read of the stream is pending: only then is silence the provider's. */
  private waiting = false;
  /** Rejects of pending `race` calls, settled on abort without an event listener per race. */
  private readonly racers = new Set<(reason: unknown) => void>();

  constructor(private readonly callerSignal: AbortSignal | undefined) {
    if (callerSignal === undefined) {
      this.unlink = () => {};
    } else if (callerSignal.aborted) {
      this.controller.abort(callerSignal.reason);
      this.unlink = () => {};
    } else {
      const onAbort = () => this.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => callerSignal.removeEventListener('abort', onAbort);
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

  /** Starts (or restarts) a clock; `false`/`undefined` leaves it off. */
  arm(kind: FallbackTimeoutKind, ms: number | false | undefined): void {
    this.disarm(kind);
    if (ms === false || ms === undefined || this.signal.aborted) return;
    this.timers.set(
      kind,
      setTimeout(() => this.abort(new FallbackTimeoutError({ kind, timeoutMs: ms })), ms),
    );
  }

  /**
   * Starts the silence clock of a stream. Reads call `reading()` and
   * `received()`, which only record the time: the one timer re-arms itself
   * lazily, so a long stream pays no timer churn per part. Time the consumer
   * spends not reading (backpressure) is not silence: the clock only counts
   * while a read is pending.
   */
  armIdle(ms: number | false): void {
    this.disarm('chunk-idle');
    if (ms === false || this.signal.aborted) return;
    this.idleMs = ms;
    this.lastActivity = performance.now();
    this.scheduleIdle(ms);
  }

  /** A read of the stream starts: silence counts from now. */
  reading(): void {
    this.waiting = true;
    this.lastActivity = performance.now();
  }

  /** A read of the stream delivered a part. */
  received(): void {
    this.waiting = false;
    this.lastActivity = performance.now();
  }

  private scheduleIdle(delayMs: number): void {
    this.timers.set(
      'chunk-idle',
      setTimeout(() => {
        const silentFor = performance.now() - this.lastActivity;
        if (this.waiting && silentFor >= this.idleMs) {
          this.abort(new FallbackTimeoutError({ kind: 'chunk-idle', timeoutMs: this.idleMs }));
        } else {
          this.scheduleIdle(this.waiting ? this.idleMs - silentFor : this.idleMs);
        }
      }, delayMs),
    );
  }

  disarm(kind: FallbackTimeoutKind): void {
    const timer = this.timers.get(kind);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(kind);
    }
  }

  abort(reason: unknown): void {
    if (this.signal.aborted) return;
    this.clearTimers();
    this.controller.abort(reason);
    for (const reject of this.racers) reject(reason);
    this.racers.clear();
  }

  /**
   * Settles with `promise`, or rejects with the abort reason as soon as the
   * attempt aborts: a model that ignores its abort signal cannot hold the call.
   */
  race<T>(promise: PromiseLike<T>): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) {
      Promise.resolve(promise).catch(() => {});
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.racers.add(reject);
      Promise.resolve(promise).then(
        value => {
          this.racers.delete(reject);
          resolve(value);
        },
        error => {
          this.racers.delete(reject);
          reject(error);
        },
      );
    });
  }

  dispose(): void {
    this.clearTimers();
    this.unlink();
  }

  private clearTimers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
