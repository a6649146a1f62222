import { AttemptScope } from '../attempt/scope';
import type { CallInput, Served } from './call-input';
import { NO_FAILURES, served } from './ends';
import type { ChainHealth, Gate, HealthCall } from './health';
import type { ResolvedEntry } from './options';

/** Where the attempt loop takes over from {@link firstAttempt}: the primary's gate, and its attempt if one was made. */
export interface FirstAttempt<T> {
  gate: Gate | Promise<Gate>;
  attempt?: { scope: AttemptScope; startedAt: number; raced: Promise<T> };
}

/**
 * The call's first attempt, on its primary, without the attempt loop: the
 * path of nearly every call. It admits, attempts and, on success, hands the
 * answer back as the loop does (a success is always handed back: `decide`'s
 * first row). Anything else (health must wait, or skips the primary; the
 * attempt fails or is aborted) goes to `loop`, which continues from exactly
 * there. Only for calls with no trace and no hedge: those start in the loop.
 *
 * Why it exists: the loop's generality (its state, its frame, a branch for
 * every rule) is paid by every call, and a success needs none of it.
 */
export function firstAttempt<T>(
  input: CallInput<T>,
  health: ChainHealth,
  call: HealthCall,
  deadline: number,
  loop: (first: FirstAttempt<T>) => Promise<Served<T>>,
): Promise<Served<T>> {
  const { chain, signal } = input;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const entry = chain.entries[0]!;
  const gate = health.admit(call, entry, false);
  if (gate instanceof Promise || !gate.admitted) return loop({ gate });
  const startedAt = input.startedNow === true ? input.startedAt : Date.now();
  const scope = new AttemptScope(signal, startedAt);
  if (deadline !== Number.POSITIVE_INFINITY) scope.arm('total', chain.options.totalMs, deadline);
  let raced: Promise<T>;
  try {
    raced = scope.race(input.attempt(entry, scope, 1));
  } catch (error) {
    raced = Promise.reject(error);
  }
  return raced.then(
    value => {
      scope.answered();
      const recorded = health.succeeded(call, entry, gate);
      return recorded === undefined
        ? handBack(value, entry, scope, input)
        : recorded.then(() => handBack(value, entry, scope, input));
    },
    () => loop({ gate, attempt: { scope, startedAt, raced } }),
  );
}

function handBack<T>(value: T, entry: ResolvedEntry, scope: AttemptScope, input: CallInput<T>): Served<T> {
  return served(value, entry, scope, NO_FAILURES, input, input.startedAt);
}
