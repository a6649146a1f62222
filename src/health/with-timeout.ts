/** A health store operation that did not answer in time. */
export class HealthStoreTimeoutError extends Error {
  override readonly name = 'HealthStoreTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the health store did not answer within ${timeoutMs} ms`);
  }
}

/** How a bounded store wait may end early, and whether it holds the process open. */
export interface WaitOptions {
  /** The caller's signal: its abort ends the wait at once, with its reason. */
  signal?: AbortSignal;
  /**
   * True for a wait no call is waiting on (the background check): it lets
   * the process exit. Otherwise the timer holds the process open, so a call
   * in flight always settles (within `ms`) even when nothing else is alive.
   */
  background?: boolean;
}

/**
 * Runs `operation` and settles with it, or rejects after `ms`, or with the
 * reason of `signal` as soon as the caller aborts (a store wait never
 * outlasts the call it serves). The timer and the abort listener are always
 * removed, and a late answer (or late rejection) is absorbed, so a stalled
 * store leaves neither a timer nor an unhandled rejection behind.
 */
export function withTimeout<T>(
  operation: () => PromiseLike<T>,
  ms: number,
  { signal, background = false }: WaitOptions = {},
): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(() => finish(() => reject(new HealthStoreTimeoutError(ms))), ms);
    // A store promise that never settles holds nothing open: this timer is what ends the call's wait.
    if (background) (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    let pending: PromiseLike<T>;
    try {
      pending = operation();
    } catch (error) {
      finish(() => reject(error));
      return;
    }
    Promise.resolve(pending).then(
      value => finish(() => resolve(value)),
      error => finish(() => reject(error)),
    );
  });
}

/**
 * `pending`, or a rejection with the reason of `signal` as soon as the caller
 * aborts. For a wait shared by several calls: one caller giving up ends its
 * own wait, never the shared work the others still wait for.
 */
export function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return pending;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
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
