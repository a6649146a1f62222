/** A health store operation that did not answer in time. */
export class HealthStoreTimeoutError extends Error {
  override readonly name = 'HealthStoreTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the health store did not answer within ${timeoutMs} ms`);
  }
}

/**
 * Runs `operation` and settles with it, or rejects after `ms`. The timer is
 * always cleared, and a late answer (or late rejection) is absorbed, so a
 * stalled store leaves neither a timer nor an unhandled rejection behind.
 */
export function withTimeout<T>(operation: () => PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new HealthStoreTimeoutError(ms)), ms);
    // Never hold a process open for a health check.
    (timer as { unref?: () => void }).unref?.();
    let pending: PromiseLike<T>;
    try {
      pending = operation();
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    Promise.resolve(pending).then(
      value => {
        clearTimeout(timer);
        resolve(value);
      },
      error => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
