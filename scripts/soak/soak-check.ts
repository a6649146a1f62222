import { APICallError } from '@ai-sdk/provider';
import {
  type FallbackAttempt,
  FallbackExhaustedError,
  type FallbackMetadata,
  FallbackTimeoutError,
} from '../../src/index';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer, prefillRemainder } from '../../src/testing/index';
import type { SentRequest } from './send-log';
import type { CallRecord } from './soak-call';
import type { SoakChain } from './soak-chains';
import { SOAK_MODELS, SOAK_TIMEOUTS } from './soak-chains';
import type { CallPlan, InjectedStep } from './soak-plan';

/** How each call ended, for the tallies. */
export type CallOutcome = 'answered' | 'recovered' | 'continued' | 'mid-stream error' | 'exhausted' | 'rethrown';

/** One request of a call as the chain sent it, with the step the fake applied to it. */
export interface SeenRequest extends SentRequest {
  /** Undefined when the request never reached the fake (the chain gave up on it in flight). */
  injected: InjectedStep | undefined;
}

export interface CallEvidence {
  plan: CallPlan;
  chain: SoakChain;
  record: CallRecord;
  /** This call's requests, in arrival order. */
  requests: SeenRequest[];
}

export interface CallVerdict {
  outcome: CallOutcome | undefined;
  violations: string[];
  /** Attempts on requests that could not fail by themselves, ended by one of the chain's clocks (machine load). */
  loadTimeouts: number;
}

/** A call may take its budget plus this long: the last parts still have to reach the consumer. */
export const BUDGET_GRACE_MS = 3_000;

/**
 * Checks one call against every invariant of the soak: it ended within its budget; a success
 * carries one model's complete canonical text (or recorded continuations: each prefill, then
 * the continuing model's remainder); a failure is a `FallbackExhaustedError` listing every
 * attempt (or the provider's own error when no entry catches it); a stream that failed after
 * its first token ends as the bare model's would (one error part and the provider's own finish,
 * or the error the read rejected with), never a spliced answer; and the attempts the chain
 * reports are exactly the requests the fake provider received, each classified as its fault
 * implies.
 */
export function checkCall(evidence: CallEvidence): CallVerdict {
  const { record, plan } = evidence;
  const verdict: CallVerdict = { outcome: undefined, violations: [], loadTimeouts: 0 };
  if (record.hung) verdict.violations.push('did not settle: the soak watchdog aborted it');
  if (record.durationMs > SOAK_TIMEOUTS.totalMs + BUDGET_GRACE_MS) {
    verdict.violations.push(`took ${Math.round(record.durationMs)} ms, over its ${SOAK_TIMEOUTS.totalMs} ms budget`);
  }
  const failed = record.thrown !== undefined || record.errors.length > 0;
  if (!failed) verdict.outcome = checkSuccess(evidence, verdict);
  else if (plan.operation === 'stream' && (record.fallback !== undefined || record.text !== ''))
    verdict.outcome = checkMidStream(evidence, verdict);
  else verdict.outcome = checkFailure(evidence, verdict);
  return verdict;
}

function checkSuccess(evidence: CallEvidence, verdict: CallVerdict): CallOutcome | undefined {
  const { record, requests } = evidence;
  const { violations } = verdict;
  const metadata = record.fallback;
  if (metadata === undefined) {
    violations.push('succeeded without providerMetadata.fallback');
    return undefined;
  }
  if (record.finishReason === 'error') violations.push('succeeded with finish reason "error"');
  const continued = checkStreamText(evidence, verdict, true);

  const last = requests.at(-1);
  const answeredBy = metadata.continuation?.by.modelId ?? metadata.servedBy.modelId;
  if (last === undefined || last.model !== answeredBy) {
    violations.push(`the last request went to ${last?.model ?? 'nobody'}, not to ${answeredBy} which answered`);
  } else if (!canAnswer(last)) {
    violations.push(`${answeredBy} answered though its request met '${label(last)}'`);
  }
  checkAttempts(
    metadata.caught.filter(
      (caught): caught is typeof caught & { type: FallbackAttempt['type'] } =>
        caught.skipped === undefined && caught.type !== 'hedged',
    ),
    requests.slice(0, -1),
    verdict,
    false,
  );
  if (metadata.attempts !== requests.length) {
    violations.push(`metadata counts ${metadata.attempts} attempts, the provider received ${requests.length} requests`);
  }
  if (continued) return 'continued';
  return metadata.caught.length === 0 ? 'answered' : 'recovered';
}

function checkMidStream(evidence: CallEvidence, verdict: CallVerdict): CallOutcome {
  const { record, requests, chain } = evidence;
  const { violations } = verdict;
  // A read that rejected after commit errors the stream as the bare model's does: no finish, so no metadata.
  const metadata = record.fallback ?? committedMetadata(requests, record.text);
  const surfaced = record.errors.length + (record.thrown === undefined ? 0 : 1);
  // A stream still open after the provider's error part may run out of budget before its finish: the
  // chain's clock then ends it with the timeout, a second error (docs/streaming.md; test/timeouts.test.ts).
  const clockedAfterError =
    surfaced === 2 && record.thrown === undefined && FallbackTimeoutError.isInstance(record.errors[1]);
  if (surfaced !== 1 && !clockedAfterError) {
    violations.push(`a failed stream surfaced ${surfaced} errors (parts or a rejection), expected 1`);
  }
  // The finish is the provider's own, as the bare model's stream would end: its reason is the provider's to give.
  checkStreamText(evidence, verdict, false, metadata);

  // The request whose stream failed after commit: the last one that reached output and did not ask
  // to continue this text (a continuation that failed before its output let the failed stream go on).
  const error = record.errors[0] ?? record.thrown;
  const continuedUpTo = metadata.continuation?.receivedChars ?? -1;
  const failedAt = lastIndexWhere(
    requests,
    seen =>
      seen.prefill !== record.text &&
      (seen.prefill === undefined || seen.prefill.length <= continuedUpTo) &&
      reachedOutput(seen),
  );
  const failedRequest = requests[failedAt];
  const byBudget = FallbackTimeoutError.isInstance(error) && error.kind === 'total';
  if (failedRequest === undefined) {
    violations.push('no request produced the text the consumer received');
    return 'mid-stream error';
  }
  // A stream that ended with a rejected read carries no metadata: which request failed, and how many
  // attempts the chain counted, cannot be read off it, so only the text and splicing checks apply.
  const inferred = record.fallback === undefined;
  if (!inferred && !byBudget && !failsAfterOutput(failedRequest)) {
    violations.push(
      `the stream from ${failedRequest.model} failed after commit though its request met '${label(failedRequest)}': ${describe(error)}`,
    );
  }
  const later = requests.slice(failedAt + 1);
  if (chain.midStream === 'error' && later.length > 0) {
    violations.push(
      `midStream 'error', yet ${later.length} request(s) followed the failure: never splice a second answer in`,
    );
  }
  // Continuation requests that failed are counted by the failed stream's finish too.
  if (!inferred && metadata.continuation === undefined && metadata.attempts !== requests.length) {
    violations.push(`metadata counts ${metadata.attempts} attempts, the provider received ${requests.length} requests`);
  }
  return 'mid-stream error';
}

/**
 * The consumer's text, rebuilt from what the fake provider saw: the serving model's answer up to
 * the first prefill, then each continuing model's remainder up to the next prefill. Returns
 * whether the text was continued.
 */
function checkStreamText(
  { record, requests }: CallEvidence,
  { violations }: CallVerdict,
  complete: boolean,
  metadata: FallbackMetadata = record.fallback!,
): boolean {
  const text = record.text;
  const prefills = [...new Set(requests.flatMap(seen => (seen.prefill === undefined ? [] : [seen.prefill])))];
  for (const prefill of prefills) {
    if (!text.startsWith(prefill))
      violations.push(`a continuation was asked with ${JSON.stringify(prefill)}, which the consumer never received`);
  }
  // A continuation happened only where a request with that prefill reached its first output; when
  // none did, the failed stream went on as the provider sent it. In a failed stream, a prefill equal
  // to the whole text asked for a continuation that never came.
  // A continuation request that met 'ok' can still fail on a busy machine (one of the chain's clocks):
  // only continuations up to the one the metadata names took over.
  const continuedUpTo = metadata.continuation?.receivedChars ?? -1;
  const committed = prefills.filter(
    prefill =>
      (complete || prefill !== text) &&
      prefill.length <= continuedUpTo &&
      requests.some(seen => seen.prefill === prefill && reachedOutput(seen)),
  );
  let failedModel = metadata.servedBy.modelId;
  let from = 0;
  let source = canonicalAnswer(metadata.servedBy.modelId);
  const segments: { model: string; prefill: string }[] = [];
  for (const prefill of committed) {
    const continuing = requests.filter(seen => seen.prefill === prefill && reachedOutput(seen));
    for (const seen of continuing) {
      if (SOAK_MODELS.indexOf(seen.model as never) <= SOAK_MODELS.indexOf(failedModel as never)) {
        violations.push(
          `${seen.model} was asked to continue the stream ${failedModel} had just failed; only entries after ${failedModel} may`,
        );
      }
    }
    const segment = text.slice(from, prefill.length);
    if (!source.startsWith(segment)) {
      violations.push(
        `${JSON.stringify(segment)} at ${from} is not what ${failedModel} sent there (${JSON.stringify(source.slice(0, 40))}…)`,
      );
    }
    failedModel = continuing.at(-1)!.model;
    source = prefillRemainder(canonicalAnswer(failedModel), prefill);
    from = prefill.length;
    segments.push({ model: failedModel, prefill });
  }
  const rest = text.slice(from);
  if (complete ? rest !== source : !source.startsWith(rest)) {
    violations.push(
      `${JSON.stringify(rest)} at ${from} is not ${complete ? 'all of' : 'the start of'} what ${failedModel} sent (${JSON.stringify(source)})`,
    );
  }
  const last = segments.at(-1);
  const { continuation } = metadata;
  if (complete && last !== undefined) {
    if (continuation === undefined)
      violations.push(`continued by ${last.model}, but providerMetadata.fallback.continuation is missing`);
    else if (continuation.by.modelId !== last.model || continuation.receivedChars !== last.prefill.length) {
      violations.push(
        `continuation says ${continuation.by.modelId} after ${continuation.receivedChars} characters, the provider saw ${last.model} continue after ${last.prefill.length}`,
      );
    }
  }
  if (complete && last === undefined && continuation !== undefined)
    violations.push('providerMetadata.fallback.continuation set, yet no model was asked to continue');
  return last !== undefined;
}

/**
 * What the metadata would have said of a stream that ended without a finish: served by the last
 * request that asked for no prefill, continued by the last request whose prefill the consumer saw.
 */
function committedMetadata(requests: readonly SeenRequest[], text: string): FallbackMetadata {
  const at = lastIndexWhere(requests, seen => seen.prefill === undefined);
  const ref = (model: string) => ({
    index: SOAK_MODELS.indexOf(model as never),
    id: model,
    provider: 'soak',
    modelId: model,
  });
  const served = requests[at]?.model ?? 'unknown';
  const continued = requests.slice(at + 1).filter(seen => seen.prefill !== undefined && text.startsWith(seen.prefill));
  const by = continued.at(-1);
  return {
    servedBy: ref(served),
    attempts: at + 1,
    caught: [],
    ...(by === undefined
      ? {}
      : { continuation: { from: ref(served), by: ref(by.model), receivedChars: by.prefill!.length } }),
  };
}

function checkFailure({ record, requests, plan }: CallEvidence, verdict: CallVerdict): CallOutcome | undefined {
  const { violations } = verdict;
  const error = record.thrown ?? record.errors[0];
  if (record.text !== '')
    violations.push(`failed before commit, yet the consumer saw text ${JSON.stringify(record.text)}`);
  if (plan.operation === 'stream' && record.errors.length > 1)
    violations.push(`${record.errors.length} error parts, expected 1`);

  if (FallbackExhaustedError.isInstance(error)) {
    const called = error.attempts.filter(attempt => attempt.skipped === undefined);
    checkAttempts(called, requests, verdict, error.reason === 'total-timeout');
    if (error.attempts.length === 0) violations.push('FallbackExhaustedError lists no attempt');
    if (error.reason === 'total-timeout' && record.durationMs < SOAK_TIMEOUTS.totalMs - 50) {
      violations.push(`total-timeout after only ${Math.round(record.durationMs)} ms`);
    }
    return 'exhausted';
  }

  // The provider's own error: legitimate only when no entry catches it and one model was asked.
  const last = requests.at(-1);
  const models = new Set(requests.map(seen => seen.model));
  if (last === undefined || models.size !== 1) {
    violations.push(`rethrew a bare error after requests to ${models.size} models: ${describe(error)}`);
    return undefined;
  }
  if (!isRequestFault(last)) {
    violations.push(`rethrew '${describe(error)}' though '${label(last)}' is caught by the next entry`);
  }
  if (!APICallError.isInstance(error) || error.statusCode !== 400) {
    violations.push(`rethrew '${describe(error)}' instead of the provider's 400`);
  }
  return 'rethrown';
}

/** The failures the chain lists match the requests the fake saw, one to one and in order. */
function checkAttempts(
  listed: readonly (Pick<FallbackAttempt, 'modelId' | 'type'> & {
    message?: string;
    error?: unknown;
    durationMs?: number;
  })[],
  requests: readonly SeenRequest[],
  verdict: CallVerdict,
  lastMayBeBudget: boolean,
): void {
  const { violations } = verdict;
  if (listed.length !== requests.length) {
    violations.push(
      `lists ${listed.length} failed attempts (${listed.map(a => `${a.modelId} ${a.type}`).join(', ')}), the provider received ${requests.length} (${requests.map(r => `${r.model} '${label(r)}'`).join(', ')})`,
    );
    return;
  }
  listed.forEach((attempt, position) => {
    const seen = requests[position]!;
    if (attempt.modelId !== seen.model) {
      violations.push(`attempt ${position + 1} is listed for ${attempt.modelId}, but went to ${seen.model}`);
      return;
    }
    const expected = plausibleTypes(seen);
    const budget = lastMayBeBudget && position === listed.length - 1 && attempt.type === 'timeout';
    // On a busy machine a healthy answer can be slower than a clock: moving on is then right.
    const ownClock = attempt.type === 'timeout' && firedOwnClock(attempt);
    if (ownClock && !expected.includes('timeout')) verdict.loadTimeouts++;
    if (!budget && !ownClock && !expected.includes(attempt.type)) {
      violations.push(
        `attempt ${position + 1} on ${attempt.modelId} met '${label(seen)}' but is classified '${attempt.type}' (expected ${expected.join(' or ') || 'no failure'})`,
      );
    }
  });
}

const OWN_CLOCK = /\b(?:request|first-chunk|chunk-idle) timeout after (\d+) ms/;

/** True when the attempt ended by one of the chain's per-attempt clocks, after its full time. */
function firedOwnClock(
  attempt: Pick<FallbackAttempt, 'type'> & { message?: string; error?: unknown; durationMs?: number },
): boolean {
  const message =
    attempt.message ?? (FallbackTimeoutError.isInstance(attempt.error) ? attempt.error.message : undefined);
  const match = message === undefined ? null : OWN_CLOCK.exec(message);
  if (match === null) return false;
  return attempt.durationMs === undefined || attempt.durationMs >= Number(match[1]) - 5;
}

/** How the chain must classify a request given what the fake did to it; empty when it cannot fail by itself. */
export function plausibleTypes(seen: SeenRequest): string[] {
  // Given up on in flight (under load, before the fake read it): one of the chain's clocks, or the socket.
  if (seen.injected === undefined) return ['timeout', 'network'];
  const { step } = seen.injected;
  if (step === 'rate-limit') return ['rate-limit'];
  if (step === 'quota' || step === 'credits') return ['quota-exceeded'];
  if (step === 'server-error' || step === 'overloaded') return ['provider-unavailable'];
  if (step === 'auth') return ['auth'];
  if (step === 'reset') return ['network'];
  if (step === 'hang') return ['timeout'];
  if (step === 'context-length') return ['context-length'];
  if (step === 'content-filter') return ['content-filter'];
  if (step === 'malformed') return ['provider-unavailable'];
  if (step === 'reject-prefill') return seen.prefill === undefined ? [] : ['bad-request'];
  if (typeof step !== 'object') return [];
  if ('status' in step) return step.status === 429 ? ['rate-limit'] : ['provider-unavailable'];
  if ('cutAfterTokens' in step) return ['network'];
  if ('errorAfterTokens' in step) return ['provider-unavailable'];
  if ('stallAfterTokens' in step) return step.forMs === undefined ? ['timeout'] : [];
  if ('firstTokenDelayMs' in step) return step.firstTokenDelayMs >= SOAK_TIMEOUTS.firstChunkMs ? ['timeout'] : [];
  return [];
}

/** Whether a request can have delivered a complete answer. */
/** A request that reached its first output: it answered, or failed only after output. */
function reachedOutput(seen: SeenRequest): boolean {
  return canAnswer(seen) || failsAfterOutput(seen);
}

function canAnswer(seen: SeenRequest): boolean {
  return seen.injected !== undefined && plausibleTypes(seen).length === 0;
}

/** Faults about the request itself, which the default `catchErrors` of every entry let through. */
function isRequestFault(seen: SeenRequest): boolean {
  const step = seen.injected?.step;
  return (
    step === 'context-length' || step === 'content-filter' || (step === 'reject-prefill' && seen.prefill !== undefined)
  );
}

/** Whether a streamed request fails only after sending some text, given what the fake did to it. */
function failsAfterOutput(seen: SeenRequest): boolean {
  if (!seen.stream || seen.injected === undefined) return false;
  const { step } = seen.injected;
  const custom = typeof step === 'object' && 'text' in step ? step.text : undefined;
  const answer = custom ?? canonicalAnswer(seen.model);
  const tokens = splitIntoTokens(seen.prefill === undefined ? answer : prefillRemainder(answer, seen.prefill)).length;
  if (step === 'malformed') return Math.floor(tokens / 2) > 0;
  if (typeof step !== 'object') return false;
  if ('cutAfterTokens' in step) return Math.min(step.cutAfterTokens, tokens) > 0;
  if ('errorAfterTokens' in step) return Math.min(step.errorAfterTokens, tokens) > 0;
  if ('stallAfterTokens' in step) return step.forMs === undefined && Math.min(step.stallAfterTokens, tokens) > 0;
  return false;
}

function label(seen: SeenRequest): string {
  return seen.injected?.label ?? 'never reached the provider';
}

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!)) return index;
  return -1;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}
