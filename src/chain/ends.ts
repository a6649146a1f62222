import type { AttemptScope } from '../attempt/scope';
import { FallbackExhaustedError } from '../errors/fallback-exhausted-error';
import type { FallbackCallContext } from '../types';
import type { CallInput, Served } from './call-input';
import type { Action } from './decide';
import { type ClassifiedFailure, entryRef, toAttempt, toCaught } from './failure';
import type { HedgeCall } from './hedge-call';
import { observe } from './observe';
import type { Chain, ResolvedEntry } from './options';

// How a call ends: handed back (an answer, or a held one nobody took over), or stopped with an error.

/** The failures of a call that had none. */
export const NO_FAILURES: readonly ClassifiedFailure[] = Object.freeze([]);

export function served<T>(
  value: T,
  entry: ResolvedEntry,
  scope: AttemptScope,
  failures: readonly ClassifiedFailure[],
  input: CallInput<T>,
  startedAt: number,
  passThrough?: Served<T>['passThrough'],
  hedged?: Pick<HedgeCall<T>, 'report' | 'cancelled'>,
): Served<T> {
  // A passed-through attempt is already among the failures.
  let called = passThrough === undefined ? 1 : 0;
  for (const failure of failures) if (failure.skipped === undefined) called++;
  const caught = failures.length === 0 ? [] : failures.map(toCaught);
  const hedge = hedged?.report;
  if (hedged?.cancelled !== undefined) {
    caught.push(hedged.cancelled);
    called++;
  }
  const { options } = input.chain;
  if (options.onSuccess !== undefined) {
    observe(options, input.context, {
      kind: 'success',
      entry,
      attempts: called,
      caught,
      durationMs: Date.now() - startedAt,
    });
  }
  const result: Served<T> =
    passThrough === undefined
      ? { value, entry, scope, attempts: called, caught }
      : { value, entry, scope, attempts: called, caught, passThrough };
  // The hedge's winner is the entry that served the call (after a race both lost, a later one).
  if (hedge !== undefined) result.hedge = { ...hedge, winner: entryRef(entry) };
  return result;
}

export function stop(
  chain: Chain,
  context: FallbackCallContext,
  action: Extract<Action, { kind: 'stop' }>,
  failures: ClassifiedFailure[],
  thrown: unknown,
  entry: ResolvedEntry,
): unknown {
  if (action.reason === 'rethrow') {
    observe(chain.options, context, { kind: 'rethrow', entry, failure: failures.at(-1)! });
    return thrown;
  }
  return exhausted(chain, context, failures, action.reason === 'total-timeout');
}

export function exhausted(
  chain: Chain,
  context: FallbackCallContext,
  failures: readonly ClassifiedFailure[],
  budgetSpent = false,
): FallbackExhaustedError {
  const { totalMs } = chain.options;
  const error = new FallbackExhaustedError(
    budgetSpent
      ? { attempts: failures.map(toAttempt), reason: 'total-timeout', budgetMs: totalMs as number }
      : { attempts: failures.map(toAttempt) },
  );
  observe(chain.options, context, { kind: 'exhausted', error, failures });
  return error;
}
