import { abortableDelay } from '../attempt/abortable-delay';
import { HeldFailure } from '../attempt/held-failure';
import { AttemptScope } from '../attempt/scope';
import { FallbackExhaustedError } from '../errors/fallback-exhausted-error';
import { backoffDelay } from './backoff';
import type { CallInput, Served } from './call-input';
import { type CallState, freshState, moveTo } from './call-state';
import { type ChainState, decide, type LoopOutcome } from './decide';
import { exhausted, NO_FAILURES, served, stop } from './ends';
import { type ClassifiedFailure, classifyFailure } from './failure';
import { type FirstAttempt, firstAttempt } from './first-attempt';
import { type HealthCall, openForMs } from './health';
import { hedgeCall, recordTimes } from './hedge-call';
import { type HedgeRace, hedgeRace } from './hedge-race';
import { observe } from './observe';
import { recordEarlier } from './record-earlier';
import { skippedFailure } from './skipped';
import type { CallTrace } from './telemetry/call-trace';
import { startCallTrace } from './telemetry/start';

const SUCCESS: LoopOutcome = { kind: 'success' };
const ABORTED: LoopOutcome = { kind: 'aborted' };
const FIRST: ChainState = Object.freeze({
  index: 0,
  attempt: 1,
  tried: new Set<number>(),
  skipped: [],
  bypass: false,
  lastType: undefined,
});

/**
 * One call through the chain, the same for every operation and spec version:
 * admit → attempt → classify once → decide → act. The first attempt runs on
 * its own ({@link firstAttempt}) unless the call is traced or hedged; the loop
 * takes over from its failure. All state lives in this call, so one model
 * serves concurrent calls safely.
 */
export function runChain<T>(input: CallInput<T>): Promise<Served<T>> {
  const { chain } = input;
  const trace = input.trace ?? startCallTrace(chain.options.telemetry, input.context, chain.entries.length);
  if (trace !== undefined) return traced(input, trace);
  if (chain.options.hedge !== undefined) return loop(input, undefined);
  const health = chain.health;
  const call: HealthCall = { context: input.context, signal: input.signal };
  return firstAttempt(input, health, call, deadlineOf(input), first => loop(input, undefined, first));
}

function deadlineOf({ chain, startedAt }: Pick<CallInput<unknown>, 'chain' | 'startedAt'>): number {
  const { totalMs } = chain.options;
  return totalMs === false ? Number.POSITIVE_INFINITY : startedAt + totalMs;
}

/** The loop with its call span ended when it throws (and, unless joined to a call's trace, its outcome set). */
async function traced<T>(input: CallInput<T>, trace: CallTrace): Promise<Served<T>> {
  const own = input.trace === undefined;
  try {
    const served = await loop(input, trace);
    if (own) trace.served(served.entry, served.attempts, served.passThrough);
    served.trace = trace;
    return served;
  } catch (error) {
    trace.rejected(error, input.signal?.aborted === true, own);
    throw error;
  }
}

/** The attempt loop; `first`: where {@link firstAttempt} left the call's first attempt. */
async function loop<T>(input: CallInput<T>, trace: CallTrace | undefined, first?: FirstAttempt<T>): Promise<Served<T>> {
  const { chain, signal, startedAt } = input;
  const { entries, options, policy } = chain;
  const health = chain.health;
  const call: HealthCall = { context: input.context, signal };
  const deadline = deadlineOf(input);
  // Allocated at the first failure: the path where nothing fails pays for none of it.
  let state: CallState | undefined;
  let failures: ClassifiedFailure[] | undefined;
  let index = 0;
  let attempt = 1;
  // When the retry the chain waits for is due: health judges that retry at this time, not at the timer's.
  let retryDueAt: number | undefined;
  // With `hedge` set, made once per call; unset, nothing of hedging is allocated or armed.
  const hedging =
    options.hedge === undefined ? undefined : hedgeCall(input, options.hedge, health, call, deadline, trace);

  for (;;) {
    // An attempt already made ends below, as every attempt does (a caller's abort included).
    const made = first?.attempt;
    if (signal?.aborted && made === undefined) throw signal.reason;
    let entry = entries[index]!;
    const admitted = first?.gate ?? health.admit(call, entry, state?.bypass ?? false, retryDueAt);
    first = undefined;
    let gate = admitted instanceof Promise ? await admitted : admitted;
    retryDueAt = undefined;
    if (!gate.admitted) {
      const failure = skippedFailure(entry, attempt, gate);
      failures ??= [];
      failures.push(failure);
      state ??= freshState(index);
      state.skipped.push(index);
      trace?.skipped(entry, attempt, failure);
      const action = decide(policy, state, { kind: 'skipped', type: gate.type });
      if (action.kind !== 'move') throw exhausted(chain, input.context, failures);
      observe(options, input.context, { kind: 'move', entry, to: entries[action.to]!, failure });
      ({ index, attempt } = moveTo(state, action));
      continue;
    }
    state?.tried.add(index);
    // An attempt firstAttempt made keeps its scope and its start.
    let attemptStart = made?.startedAt ?? Date.now();
    let scope = made?.scope ?? new AttemptScope(signal, attemptStart);
    if (made === undefined && deadline !== Number.POSITIVE_INFINITY) scope.arm('total', options.totalMs, deadline);
    const race: HedgeRace<T> | undefined =
      hedging === undefined
        ? undefined
        : hedgeRace(hedging, { entry, position: index, attempt, gate, scope, startedAt: attemptStart }, state ?? FIRST);
    let value: T | undefined;
    let outcome: LoopOutcome;
    let failure: ClassifiedFailure | undefined;
    let thrown: unknown;
    let held: HeldFailure<T> | undefined;
    try {
      if (made !== undefined) value = await made.raced;
      else if (race === undefined) {
        const attempting =
          trace === undefined
            ? input.attempt(entry, scope, attempt)
            : trace.attempt(entry, attempt, () => input.attempt(entry, scope, attempt));
        value = await scope.race(attempting);
      } else {
        value = await race.run();
        ({ entry, gate, scope, startedAt: attemptStart, position: index, attempt } = race.current);
        ({ failures, state } = await recordEarlier(race, health, call, options, failures, state));
      }
      if (hedging !== undefined) recordTimes(hedging, race, entry, attemptStart);
      scope.answered();
      const recorded = health.succeeded(call, entry, gate);
      if (recorded !== undefined) await recorded;
      outcome = SUCCESS;
    } catch (error) {
      if (race !== undefined) {
        ({ entry, gate, scope, startedAt: attemptStart, position: index, attempt } = race.current);
        ({ failures, state } = await recordEarlier(race, health, call, options, failures, state));
      }
      held = error instanceof HeldFailure ? error : undefined;
      thrown = held === undefined ? error : held.error;
      const timeout = scope.timeout;
      const byCaller = scope.abortedByCaller;
      // A held output may still be handed on, under this scope's clocks; otherwise the attempt is over.
      if (held === undefined) scope.dispose();
      else scope.answered();
      if (byCaller) {
        health.released(call, entry, gate);
        outcome = ABORTED;
      } else {
        failure = classifyFailure(timeout ?? thrown, entry, attempt, Date.now() - attemptStart, options, held?.usage);
        failures ??= [];
        failures.push(failure);
        state ??= freshState(index);
        state.tried.add(index);
        state.index = index;
        state.attempt = attempt;
        state.lastType = failure.type;
        const known = await health.failed(call, entry, gate, failure, timeout?.kind);
        const now = Date.now();
        outcome = {
          kind: 'failed',
          type: failure.type,
          retryAfterMs: failure.retryAfterMs,
          backoffMs: backoffDelay(attempt, options.backoff),
          budgetSpent: timeout?.kind === 'total',
          remainingMs: deadline - now,
          openForMs: openForMs(known, now),
        };
      }
    }
    const action = decide(policy, state ?? FIRST, outcome);
    trace?.settle(action, failure);
    if (held !== undefined && action.kind !== 'stop') {
      held.discard();
      scope.dispose();
    }
    switch (action.kind) {
      case 'hand-back':
        return served(value as T, entry, scope, failures ?? NO_FAILURES, input, startedAt, undefined, hedging);
      case 'retry':
        observe(options, input.context, { kind: 'retry', entry, failure: failure!, delayMs: action.delayMs });
        retryDueAt = Date.now() + action.delayMs;
        await abortableDelay(action.delayMs, signal);
        attempt++;
        continue;
      case 'move':
        observe(options, input.context, { kind: 'move', entry, to: entries[action.to]!, failure: failure! });
        ({ index, attempt } = moveTo(state!, action));
        continue;
      case 'stop': {
        // The caller's abort is never a provider failure: no retry, no fallback, their reason surfaces.
        const error =
          action.reason === 'aborted' ? signal!.reason : stop(chain, input.context, action, failures!, thrown, entry);
        if (held === undefined) throw error;
        // Nobody takes over: the model's own output goes to the caller, as the bare model's would.
        const passThrough = FallbackExhaustedError.isInstance(error)
          ? { error, modelError: thrown }
          : { modelError: thrown };
        return served(held.held, entry, scope, failures ?? NO_FAILURES, input, startedAt, passThrough, hedging);
      }
    }
  }
}
