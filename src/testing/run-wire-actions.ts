import type { WireAction } from './wire-action';

/** Where a transport puts the planned response. */
export interface WireSink {
  reset(): void;
  head(status: number, headers: Record<string, string>): void;
  /** Resolves once the data is handed to the connection, so a following `cut` cannot drop it. */
  write(data: string): void | Promise<void>;
  cut(): void;
  end(): void;
}

/**
 * Replays `actions` into `sink`. Stops (resolving `'aborted'`) as soon as `signal` aborts,
 * clearing any pending timer, so a gone client or a closed server leaves nothing behind.
 */
export async function runWireActions(
  actions: readonly WireAction[],
  sink: WireSink,
  signal: AbortSignal,
): Promise<'finished' | 'aborted'> {
  for (const action of actions) {
    if (signal.aborted) return 'aborted';
    switch (action.type) {
      case 'wait':
        await abortableWait(action.ms, signal);
        break;
      case 'head':
        sink.head(action.status, action.headers);
        break;
      case 'write':
        await raceAbort(sink.write(action.data), signal);
        break;
      case 'reset':
        sink.reset();
        return 'finished';
      case 'cut':
        sink.cut();
        return 'finished';
      case 'end':
        sink.end();
        return 'finished';
    }
  }
  return signal.aborted ? 'aborted' : 'finished';
}

/** Resolves after `ms` or when `signal` aborts, whichever comes first. `Infinity` waits for the abort. */
export function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(ms)) {
      timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
    }
  });
}

function raceAbort(pending: void | Promise<void>, signal: AbortSignal): void | Promise<void> {
  if (pending == null || signal.aborted) return;
  return new Promise(resolve => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
    );
  });
}
