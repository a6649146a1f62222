import { describeError } from '../errors/describe';
import type { HealthStore, HealthStoreSetOptions } from './health-store';
import { memoryHealthStore } from './memory-health-store';
import type { MirrorTtl, StoreAccess, StoreContext } from './store-access';
import { withTimeout } from './with-timeout';

/** How often, while the store is down, one background check asks whether it is back. */
export const RECHECK_MS = 1_000;
/** A store that keeps failing and recovering warns at most this often; the rest go to `debug`. */
const WARN_EVERY_MS = 60_000;
const CHECK_KEY = 'ai-sdk-fallback:check';

/**
 * A shared store behind a guard, so that a store that fails or stalls never
 * fails or slows a call: every operation is bounded by the caller's timeout
 * and ends on the caller's abort (rejecting with its reason, the one failure
 * it passes on);
 * the first failure marks the store down (one warning) and from then on
 * operations use this process's memory at once, while one background check
 * per second asks whether the store is back (then sharing resumes).
 *
 * Every result from the store is mirrored into the local memory (reads with
 * the expiry the caller recomputes for them), so when the store goes down the
 * process keeps what it last knew until it would have expired.
 */
export class GuardedStore implements StoreAccess {
  private readonly local = memoryHealthStore();
  private down = false;
  private checking = false;
  private nextCheckAt = 0;
  private lastWarnAt = -Infinity;
  /** Local writes per key: a read that was on the wire while this process wrote the key must not mirror over it. */
  private readonly writes = new Map<string, number>();

  constructor(private readonly remote: HealthStore) {}

  /** False while the store is considered down. */
  get available(): boolean {
    return !this.down;
  }

  async get(
    keys: readonly string[],
    context: StoreContext,
    mirror?: readonly (MirrorTtl | undefined)[],
  ): Promise<(string | undefined)[]> {
    const writesBefore = keys.map(key => this.writes.get(key) ?? 0);
    const remote = await this.attempt(
      () => this.remote.get(keys),
      context,
      values => {
        if (!Array.isArray(values) || values.length !== keys.length) {
          throw new TypeError(
            `get returned ${Array.isArray(values) ? values.length : typeof values} values for ${keys.length} keys`,
          );
        }
        return values.map(value => (value === null || value === undefined ? undefined : String(value)));
      },
    );
    if (!remote.ok) return this.local.get(keys);
    if (mirror !== undefined) {
      for (const [i, key] of keys.entries()) {
        const ttl = mirror[i];
        if (ttl === undefined || (this.writes.get(key) ?? 0) !== writesBefore[i]) continue;
        const value = remote.value[i];
        const keepMs = value === undefined ? 0 : ttl(value);
        // Absent in the store (or not worth keeping): forget it here too, so an outage cannot bring it back.
        if (keepMs > 0) await this.local.set(key, value!, keepMs);
        else await this.local.delete([key]);
      }
    }
    return remote.value;
  }

  async set(
    key: string,
    value: string,
    ttlMs: number,
    options: HealthStoreSetOptions,
    context: StoreContext,
  ): Promise<boolean> {
    const remote = await this.attempt(
      () => this.remote.set(key, value, ttlMs, options),
      context,
      stored => stored === true,
    );
    this.wrote(key);
    if (!remote.ok) return this.local.set(key, value, ttlMs, options);
    if (remote.value) await this.local.set(key, value, ttlMs);
    return remote.value;
  }

  async increment(key: string, ttlMs: number, context: StoreContext): Promise<number> {
    const remote = await this.attempt(
      () => this.remote.increment(key, ttlMs),
      context,
      count => {
        const number = Number(count);
        if (!Number.isFinite(number)) throw new TypeError(`increment returned ${typeof count}, expected a number`);
        return number;
      },
    );
    this.wrote(key);
    if (!remote.ok) return this.local.increment(key, ttlMs);
    await this.local.set(key, String(remote.value), ttlMs);
    return remote.value;
  }

  async delete(keys: readonly string[], context: StoreContext): Promise<void> {
    for (const key of keys) this.wrote(key);
    await this.local.delete(keys);
    await this.attempt(
      () => this.remote.delete(keys),
      context,
      () => undefined,
    );
    // A read sent before the store deleted may still bring the old value back: it is not mirrored either.
    for (const key of keys) this.wrote(key);
  }

  private wrote(key: string): void {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  private async attempt<RAW, T>(
    operation: () => PromiseLike<RAW>,
    context: StoreContext,
    check: (raw: RAW) => T,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.down) {
      this.maybeCheck(context);
      return { ok: false };
    }
    try {
      return { ok: true, value: check(await withTimeout(operation, context.timeoutMs, { signal: context.signal })) };
    } catch (error) {
      // The caller gave up: that says nothing about the store, and the call ends with the caller's reason.
      if (context.signal?.aborted) throw context.signal.reason;
      this.markDown(error, context);
      return { ok: false };
    }
  }

  private markDown(error: unknown, { logger }: StoreContext): void {
    if (this.down) return;
    this.down = true;
    this.nextCheckAt = Date.now() + RECHECK_MS;
    const message = `[ai-sdk-fallback] health store unavailable (${describeError(error)}); using this process's memory until it answers again`;
    const now = Date.now();
    if (now - this.lastWarnAt >= WARN_EVERY_MS) {
      this.lastWarnAt = now;
      logger.warn?.(message);
    } else {
      logger.debug?.(message);
    }
  }

  /** Starts one background check when it is time; callers never wait for it. */
  private maybeCheck({ logger, timeoutMs }: StoreContext): void {
    if (this.checking || Date.now() < this.nextCheckAt) return;
    this.checking = true;
    // No call waits for it: it never keeps the process alive.
    withTimeout(() => this.remote.get([CHECK_KEY]), timeoutMs, { background: true }).then(
      () => {
        this.checking = false;
        this.down = false;
        logger.info?.('[ai-sdk-fallback] health store answers again; sharing health resumes');
      },
      () => {
        this.checking = false;
        this.nextCheckAt = Date.now() + RECHECK_MS;
      },
    );
  }
}
