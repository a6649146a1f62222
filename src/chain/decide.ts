import { type FallbackErrorType, matchesErrorType } from '../types/error-type';

type ClassifiedType = Exclude<FallbackErrorType, 'all'>;

/** What the decision needs of each entry: what it catches and how often it may be retried. */
export interface EntryPolicy {
  readonly catchErrors: readonly FallbackErrorType[];
  readonly maxRetries: number;
  /** `false`: never hedged, nor started as a hedge. */
  readonly hedge?: boolean;
}

/** The chain-level rules. */
export interface ChainPolicy {
  readonly entries: readonly EntryPolicy[];
  readonly retryOn: readonly FallbackErrorType[];
  readonly maxRetryAfterMs: number;
}

/** Where one call is: the entry it is on, and what it has been through. */
export interface ChainState {
  /** Position of the current entry. */
  readonly index: number;
  /** 1-based attempt on the current entry. */
  readonly attempt: number;
  /** Positions called in this call. */
  readonly tried: ReadonlySet<number>;
  /** Positions skipped for an open circuit, in the order they were skipped. */
  readonly skipped: readonly number[];
  /** Every remaining entry was open: they are called anyway, in order. */
  readonly bypass: boolean;
  /** The type of the last failure of a called entry. */
  readonly lastType: ClassifiedType | undefined;
}

/** What happened on the current entry. */
export type Outcome =
  | { readonly kind: 'success' }
  /** The caller aborted: theirs, never a provider failure. */
  | { readonly kind: 'aborted' }
  /** Not called: its circuit is open; the chain moves on as the failure that opened it would. */
  | { readonly kind: 'skipped'; readonly type: ClassifiedType }
  | {
      readonly kind: 'failed';
      readonly type: ClassifiedType;
      /** The provider's Retry-After. */
      readonly retryAfterMs: number | undefined;
      /** The backoff this retry would wait without a Retry-After. */
      readonly backoffMs: number;
      /** The call's total budget ran out (`timeouts.totalMs`). */
      readonly budgetSpent: boolean;
      /** Time left in the call's budget (Infinity without one). */
      readonly remainingMs: number;
      /** How long from now the entry's circuit stays open (a retry before then would be skipped); 0 when closed. */
      readonly openForMs: number;
    }
  /** With `hedge` on: the attempt has not committed after `afterMs`. `hedged`: this call already started a hedge. */
  | { readonly kind: 'slow'; readonly hedged: boolean };

/** What the chain does next. */
export type Action =
  /** Give the result to the caller. */
  | { readonly kind: 'hand-back' }
  /** Call the same entry again after `delayMs`. */
  | { readonly kind: 'retry'; readonly delayMs: number }
  /** Go to entry `to`; `bypass`: every remaining entry is open and is called anyway. */
  | { readonly kind: 'move'; readonly to: number; readonly bypass: boolean }
  /**
   * End the call. `rethrow`: only one model was called, so fallback never
   * applied and the caller gets that model's own error. `exhausted`: no
   * entry is left that catches the failure. `total-timeout`: the budget ran
   * out. `aborted`: the caller aborted.
   */
  | { readonly kind: 'stop'; readonly reason: 'rethrow' | 'exhausted' | 'total-timeout' | 'aborted' }
  /** Start entry `to` alongside the running attempt; the first to commit wins. */
  | { readonly kind: 'hedge'; readonly to: number }
  /** Keep waiting for the running attempt alone. */
  | { readonly kind: 'wait' };

/** A running attempt turned slow, and what the chain does about it. */
export type SlowOutcome = Extract<Outcome, { kind: 'slow' }>;
export type HedgeAction = Extract<Action, { kind: 'hedge' | 'wait' }>;
/** What an attempt ended with, and what the loop does next. */
export type LoopOutcome = Exclude<Outcome, SlowOutcome>;
export type LoopAction = Exclude<Action, HedgeAction>;

const HAND_BACK: Action = { kind: 'hand-back' };
const ABORTED: Action = { kind: 'stop', reason: 'aborted' };
const WAIT: HedgeAction = { kind: 'wait' };

/**
 * The chain's one decision: from where the call is and what just happened,
 * what to do next. Pure: every rule of the chain is a row of its table test.
 */
export function decide(policy: ChainPolicy, state: ChainState, outcome: SlowOutcome): HedgeAction;
export function decide(policy: ChainPolicy, state: ChainState, outcome: LoopOutcome): LoopAction;
export function decide(policy: ChainPolicy, state: ChainState, outcome: Outcome): Action;
export function decide(policy: ChainPolicy, state: ChainState, outcome: Outcome): Action {
  switch (outcome.kind) {
    case 'success':
      return HAND_BACK;
    case 'aborted':
      return ABORTED;
    case 'skipped':
      return moveOn(policy, state, outcome.type) ?? { kind: 'stop', reason: 'exhausted' };
    case 'failed': {
      if (outcome.budgetSpent) return { kind: 'stop', reason: 'total-timeout' };
      const delayMs = retryDelay(policy, state, outcome);
      if (delayMs !== undefined) return { kind: 'retry', delayMs };
      const next = moveOn(policy, state, outcome.type);
      if (next !== undefined) return next;
      return { kind: 'stop', reason: state.tried.size <= 1 ? 'rethrow' : 'exhausted' };
    }
    case 'slow':
      return hedgeTarget(policy, state, outcome.hedged);
  }
}

/**
 * Where a slow attempt is hedged: the next entry in order that this call has
 * neither called nor skipped, `catchErrors` aside (a hedge is not a failure).
 * At most one hedge per call; an entry with `hedge: false` is neither hedged
 * nor started. Health then decides whether the target is admitted.
 */
function hedgeTarget(policy: ChainPolicy, state: ChainState, hedged: boolean): HedgeAction {
  const { entries } = policy;
  if (hedged || entries[state.index]!.hedge === false) return WAIT;
  for (let position = state.index + 1; position < entries.length; position++) {
    if (state.tried.has(position) || state.skipped.includes(position)) continue;
    if (entries[position]!.hedge !== false) return { kind: 'hedge', to: position };
  }
  return WAIT;
}

/**
 * The wait before retrying the same entry, or `undefined` to move on: the
 * type is in `retryOn` and retries are left; a Retry-After replaces the
 * backoff, and one longer than `maxRetryAfterMs`, a wait that would outlast
 * the budget, or one that ends while the circuit is still open (the retry
 * would be skipped) is not worth it when another model may answer now.
 */
function retryDelay(
  policy: ChainPolicy,
  state: ChainState,
  outcome: Extract<Outcome, { kind: 'failed' }>,
): number | undefined {
  if (!matchesErrorType(policy.retryOn, outcome.type)) return undefined;
  if (state.attempt - 1 >= policy.entries[state.index]!.maxRetries) return undefined;
  const { retryAfterMs } = outcome;
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return undefined;
  const delayMs = retryAfterMs ?? outcome.backoffMs;
  if (delayMs >= outcome.remainingMs) return undefined;
  if (!state.bypass && outcome.openForMs > delayMs) return undefined;
  return delayMs;
}

/**
 * The next entry after the current one whose `catchErrors` matches `type`
 * and that this call has not called yet (entries that do not match are
 * passed over: a later one may catch it). When none is left, the first entry
 * this call skipped for an open circuit and has not called: every remaining
 * entry is open, so they are tried anyway rather than failing the call
 * without an attempt. A skipped entry was reached legitimately, so it only
 * has to catch the last real failure, if there was one.
 */
function moveOn(policy: ChainPolicy, state: ChainState, type: ClassifiedType): Action | undefined {
  const { entries } = policy;
  for (let position = state.index + 1; position < entries.length; position++) {
    if (!state.tried.has(position) && matchesErrorType(entries[position]!.catchErrors, type)) {
      return { kind: 'move', to: position, bypass: state.bypass };
    }
  }
  let lastResort: number | undefined;
  for (const position of state.skipped) {
    if (state.tried.has(position) || (lastResort !== undefined && lastResort < position)) continue;
    if (state.lastType === undefined || matchesErrorType(entries[position]!.catchErrors, state.lastType)) {
      lastResort = position;
    }
  }
  return lastResort === undefined ? undefined : { kind: 'move', to: lastResort, bypass: true };
}
