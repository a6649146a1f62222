import { describe, expect, it } from 'vitest';
import { type Action, type ChainPolicy, type ChainState, decide, type Outcome } from '../../src/chain/decide';
import { DEFAULTS } from '../../src/chain/defaults';
import type { FallbackErrorType } from '../../src/types/error-type';

const all: readonly FallbackErrorType[] = ['all'];
const timeoutsOnly: readonly FallbackErrorType[] = ['timeout'];
const authOnly: readonly FallbackErrorType[] = ['auth'];
const rateLimitOnly: readonly FallbackErrorType[] = ['rate-limit'];
const defaults: readonly FallbackErrorType[] = [
  'rate-limit',
  'provider-unavailable',
  'timeout',
  'network',
  'auth',
  'quota-exceeded',
];

const policy = (catchErrors: readonly (readonly FallbackErrorType[])[], maxRetries = 2): ChainPolicy => ({
  entries: catchErrors.map(types => ({ catchErrors: types, maxRetries })),
  retryOn: ['rate-limit', 'provider-unavailable', 'network'],
  maxRetryAfterMs: 10_000,
});

const state = (overrides: Partial<ChainState> = {}): ChainState => ({
  index: 0,
  attempt: 1,
  tried: new Set([overrides.index ?? 0]),
  skipped: [],
  bypass: false,
  lastType: 'rate-limit',
  ...overrides,
});

const failed = (overrides: Partial<Extract<Outcome, { kind: 'failed' }>> = {}): Outcome => ({
  kind: 'failed',
  type: 'rate-limit',
  retryAfterMs: undefined,
  backoffMs: 500,
  budgetSpent: false,
  remainingMs: Number.POSITIVE_INFINITY,
  openForMs: 0,
  ...overrides,
});

const skipped = (type: Extract<Outcome, { kind: 'skipped' }>['type'] = 'rate-limit'): Outcome => ({
  kind: 'skipped',
  type,
});

const retry = (delayMs: number): Action => ({ kind: 'retry', delayMs });
const move = (to: number, bypass = false): Action => ({ kind: 'move', to, bypass });
const stop = (reason: Extract<Action, { kind: 'stop' }>['reason']): Action => ({ kind: 'stop', reason });

const slow = (hedged = false): Outcome => ({ kind: 'slow', hedged });
const hedge = (to: number): Action => ({ kind: 'hedge', to });
const WAIT: Action = { kind: 'wait' };
/** `catchErrors` per entry, and the entries with `hedge: false`. */
const hedging = (catchErrors: readonly (readonly FallbackErrorType[])[], off: number[] = []): ChainPolicy => {
  const base = policy(catchErrors);
  return { ...base, entries: base.entries.map((entry, i) => ({ ...entry, hedge: !off.includes(i) })) };
};

const two = policy([all, all]);
const three = policy([all, all, all]);

describe('decide', () => {
  it.each<[string, ChainPolicy, ChainState, Outcome, Action]>([
    // Success and the caller's abort
    ['a success is handed back', two, state(), { kind: 'success' }, { kind: 'hand-back' }],
    ["the caller's abort stops the call, never a fallback", two, state(), { kind: 'aborted' }, stop('aborted')],
    // Retrying the same entry
    ['a retryable type with retries left waits the backoff', two, state(), failed(), retry(500)],
    ['a Retry-After replaces the backoff', two, state(), failed({ retryAfterMs: 2_000 }), retry(2_000)],
    ['a Retry-After of 0 retries at once', two, state(), failed({ retryAfterMs: 0 }), retry(0)],
    ['a Retry-After beyond maxRetryAfterMs moves on', two, state(), failed({ retryAfterMs: 30_000 }), move(1)],
    ['a type not in retryOn moves on', two, state(), failed({ type: 'auth' }), move(1)],
    ['timeouts are not retried by default', two, state(), failed({ type: 'timeout' }), move(1)],
    ["retryOn 'all' retries anything", { ...two, retryOn: ['all'] }, state(), failed({ type: 'timeout' }), retry(500)],
    ['no retries left moves on', two, state({ attempt: 3 }), failed(), move(1)],
    ['maxRetries 0 never retries', policy([all, all], 0), state(), failed(), move(1)],
    ['a wait longer than the budget left moves on', two, state(), failed({ remainingMs: 400 }), move(1)],
    [
      'waiting is pointless while the circuit stays open past the wait',
      two,
      state(),
      failed({ openForMs: 5_000 }),
      move(1),
    ],
    [
      'a circuit that closes before the wait ends allows the retry',
      two,
      state(),
      failed({ openForMs: 400 }),
      retry(500),
    ],
    [
      'once every entry is open (bypass), an open circuit does not prevent the retry',
      two,
      state({ bypass: true }),
      failed({ openForMs: 5_000 }),
      retry(500),
    ],
    // The total budget
    [
      'the budget ran out: stop, whatever is left',
      three,
      state(),
      failed({ budgetSpent: true }),
      stop('total-timeout'),
    ],
    // Moving on
    [
      'the next entry that catches the type',
      policy([all, rateLimitOnly]),
      state(),
      failed({ retryAfterMs: 30_000 }),
      move(1),
    ],
    ['no entry catches it', policy([all, rateLimitOnly]), state(), failed({ type: 'auth' }), stop('rethrow')],
    [
      'entries that do not catch it are passed over',
      policy([all, authOnly, all]),
      state(),
      failed({ type: 'quota-exceeded' }),
      move(2),
    ],
    ["'all' catches every type", two, state(), failed({ type: 'context-length' }), move(1)],
    [
      'entries already called are passed over',
      three,
      state({ tried: new Set([0, 1]) }),
      failed({ type: 'auth' }),
      move(2),
    ],
    [
      'entries before the current one are never chosen again',
      policy([all, all, authOnly]),
      state({ index: 1, tried: new Set([0, 1]) }),
      failed({ type: 'timeout' }),
      stop('exhausted'),
    ],
    [
      'the last entry has no next',
      two,
      state({ index: 1, attempt: 3, tried: new Set([0, 1]) }),
      failed({ type: 'network' }),
      stop('exhausted'),
    ],
    // Stopping
    [
      'only one model was called: its own error is rethrown',
      policy([all, timeoutsOnly]),
      state(),
      failed({ type: 'auth' }),
      stop('rethrow'),
    ],
    [
      'more than one model was called: exhausted',
      policy([all, all]),
      state({ index: 1, tried: new Set([0, 1]) }),
      failed({ type: 'auth' }),
      stop('exhausted'),
    ],
    // Skips (an open circuit)
    ['a skipped entry moves on as its failure would', two, state({ tried: new Set() }), skipped(), move(1)],
    [
      'a skip with nothing left to move to calls the skipped entry anyway',
      policy([all, timeoutsOnly]),
      state({ tried: new Set(), skipped: [0], lastType: undefined }),
      skipped('rate-limit'),
      move(0, true),
    ],
    [
      'a skip of the last resort ends the call',
      policy([all, timeoutsOnly]),
      state({ tried: new Set([0]), skipped: [0], lastType: 'rate-limit' }),
      skipped('rate-limit'),
      stop('exhausted'),
    ],
    [
      'every entry skipped, none called: the first skipped is called anyway',
      two,
      state({ index: 1, tried: new Set(), skipped: [0, 1], lastType: undefined }),
      skipped(),
      move(0, true),
    ],
    [
      'last resorts go in chain order',
      three,
      state({ index: 2, tried: new Set(), skipped: [2, 1], lastType: undefined }),
      skipped(),
      move(1, true),
    ],
    [
      'last resorts pass over entries already called',
      two,
      state({ index: 1, tried: new Set([0]), skipped: [0, 1], lastType: 'rate-limit' }),
      skipped(),
      move(1, true),
    ],
    [
      'an entry skipped then called on a retry is not called again',
      two,
      state({ index: 1, tried: new Set([0, 1]), skipped: [0] }),
      failed({ type: 'auth' }),
      stop('exhausted'),
    ],
    [
      'a last resort must catch the last real failure',
      policy([defaults, all]),
      state({ index: 1, tried: new Set([1]), skipped: [0], lastType: 'bad-request' }),
      failed({ type: 'bad-request' }),
      stop('rethrow'),
    ],
    [
      'and is called when it catches it',
      policy([defaults, all]),
      state({ index: 1, attempt: 3, tried: new Set([1]), skipped: [0], lastType: 'provider-unavailable' }),
      failed({ type: 'provider-unavailable' }),
      move(0, true),
    ],
    // Result checks: a failed answer is decided like an error of its type, with the default policy.
    [
      'an answer that is not the JSON asked for is caught by default and not retried: moves on',
      { ...policy([DEFAULTS.catchErrors, DEFAULTS.catchErrors]), retryOn: DEFAULTS.retryOn },
      state(),
      failed({ type: 'invalid-output' }),
      move(1),
    ],
    [
      'a filtered answer is not caught by default: the model answered, and its answer stands',
      { ...policy([DEFAULTS.catchErrors, DEFAULTS.catchErrors]), retryOn: DEFAULTS.retryOn },
      state(),
      failed({ type: 'content-filter' }),
      stop('rethrow'),
    ],
    [
      'invalid output retried when retryOn lists it',
      { ...two, retryOn: ['invalid-output'] },
      state(),
      failed({ type: 'invalid-output' }),
      retry(500),
    ],
    [
      'nothing skipped: nothing to fall back on',
      two,
      state({ index: 1, attempt: 3, tried: new Set([0, 1]) }),
      failed(),
      stop('exhausted'),
    ],
    // Hedging a slow attempt (the attempt has not committed after afterMs)
    ['a slow attempt is hedged to the next entry', hedging([all, all]), state(), slow(), hedge(1)],
    [
      "the target's catchErrors do not matter: a hedge is not a failure",
      hedging([all, authOnly]),
      state(),
      slow(),
      hedge(1),
    ],
    ['at most one hedge per call', hedging([all, all, all]), state(), slow(true), WAIT],
    ['the last entry has nobody to hedge to', hedging([all, all]), state({ index: 1 }), slow(), WAIT],
    ['an entry with hedge: false is not hedged', hedging([all, all], [0]), state(), slow(), WAIT],
    [
      'an entry with hedge: false is not started: the next one is',
      hedging([all, all, all], [1]),
      state(),
      slow(),
      hedge(2),
    ],
    ['nor when it is the only one left', hedging([all, all], [1]), state(), slow(), WAIT],
    [
      'a retry is hedged too, to an entry not called yet',
      hedging([all, all, all]),
      state({ attempt: 2, tried: new Set([0, 1]), index: 0 }),
      slow(),
      hedge(2),
    ],
    [
      'an entry skipped for an open circuit is not started',
      hedging([all, all, all]),
      state({ index: 0, tried: new Set([0]), skipped: [1] }),
      slow(),
      hedge(2),
    ],
  ])('%s', (_, rules, where, outcome, expected) => {
    expect(decide(rules, where, outcome)).toEqual(expected);
  });
});
