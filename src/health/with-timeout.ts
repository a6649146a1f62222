/** A health store operation that did not answer in time. */
export class HealthStoreTimeoutError extends Error {
  override readonly name = 'HealthStoreTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the health store did not answer within ${timeoutMs} ms`);
  }
}

/**
 * Runs `operation` and settles with it, or rejects after `ms`, or with the
 * reason of `signal` as soon as the caller aborts (a store wait never
 * outlasts the call it serves). The timer and the abort listener are always
 * removed, and a late answer (or late rejection) is absorbed, so a stalled
 * store leaves neither a timer nor an unhandled rejection behind.
 */
export function withTimeout<T>(operation: () => PromiseLike<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const timer = setTimeout(() => finish(() => reject(new HealthStoreTimeoutError(ms))), ms);
    // Never hold a process open for a health check.
    (timer as { unref?: () => void }).unref?.();
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
