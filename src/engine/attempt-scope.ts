import {
  FallbackTimeoutError,
  type FallbackTimeoutKind,
} from '../errors/fallback-timeout-error';

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
   * Starts the silence clock of a stream. Parts call `touch()`, which only
   * records the time: the one timer re-arms itself lazily, so a long stream
   * pays no timer churn per part.
   */
  armIdle(ms: number | false): void {
    this.disarm('chunk-idle');
    if (ms === false || this.signal.aborted) return;
    this.idleMs = ms;
    this.lastActivity = performance.now();
    this.scheduleIdle(ms);
  }

  /** Records stream activity for the silence clock. */
  touch(): void {
    this.lastActivity = performance.now();
  }

  private scheduleIdle(delayMs: number): void {
    this.timers.set(
      'chunk-idle',
      setTimeout(() => {
        const silentFor = performance.now() - this.lastActivity;
        if (silentFor >= this.idleMs) {
          this.abort(new FallbackTimeoutError({ kind: 'chunk-idle', timeoutMs: this.idleMs }));
        } else {
          this.scheduleIdle(this.idleMs - silentFor);
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
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(promise).then(
        value => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        error => {
          signal.removeEventListener('abort', onAbort);
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
