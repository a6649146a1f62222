import { describeError } from '../../errors/describe';
import { FallbackExhaustedError } from '../../errors/fallback-exhausted-error';
import type { FallbackCallContext, FallbackEntryRef, FallbackSkip, FallbackUsage } from '../../types';
import type { TelemetryContext, TelemetrySpan, TelemetryTracer } from '../../types/telemetry';
import { ATTEMPT_SPAN, ATTR, bounded, CALL_SPAN, STATUS_ERROR } from './attributes';
import type { Instruments } from './instruments';
import { type ContextManager, withSpan } from './otel-globals';
import { endedBy, entryAttributes } from './trace-values';

/** How an attempt ended. `hedged`: a parallel attempt answered first and this one was cancelled. */
export type AttemptOutcome = 'success' | 'retry' | 'fallback' | 'skipped' | 'hedged' | 'failed' | 'aborted';
/** How a call ended: `rethrown` when no entry catches the error, which reaches the caller as the model threw it. */
export type CallOutcome = 'success' | 'exhausted' | 'total-timeout' | 'aborted' | 'rethrown';
/** How a served stream ended: read to its end, ended by an error, cancelled by its consumer, or aborted by the caller's signal. */
export type StreamEnd = 'done' | 'error' | 'cancelled' | 'aborted';

/** What is read of a failed or skipped attempt (a classified failure). */
export interface AttemptFailure {
  type: string;
  statusCode?: number;
  retryAfterMs: number | undefined;
  /** Redacted, one line. */
  description: string;
  usage?: FallbackUsage;
  skipped?: FallbackSkip;
}

/** The next action of the chain, as far as an attempt's span is concerned. */
export interface Settled {
  kind: 'hand-back' | 'retry' | 'move' | 'stop';
  delayMs?: number;
  reason?: string;
}

/** Where a call's spans and metrics go. */
export interface TraceSinks {
  tracer: TelemetryTracer | undefined;
  instruments: Instruments | undefined;
  contextManager: ContextManager | undefined;
  recordErrors: boolean;
}

interface OpenAttempt {
  span: TelemetrySpan;
  entry: FallbackEntryRef;
  startedAt: number;
}

const noop = () => {};
/** Where there is no tracer (metrics only). */
const NO_SPAN: TelemetrySpan = {
  setAttribute: noop,
  addEvent: noop,
  setStatus: noop,
  end: noop,
  isRecording: () => false,
};

/**
 * One call's spans and metrics: the call span, started in the active context (under the AI SDK's model-call
 * span when its telemetry is on), and one child per attempt, run in its span's context so that HTTP spans
 * nest under it. The serving attempt and the call end when the caller's result is done (a stream: when it
 * ends or is cancelled).
 */
export class CallTrace {
  private readonly span: TelemetrySpan;
  private readonly parent: TelemetryContext | undefined;
  private current: OpenAttempt | undefined;
  /** A hedge in flight beside `current`. */
  private racing: OpenAttempt | undefined;
  private serving: OpenAttempt | undefined;
  private ended = false;

  constructor(
    private readonly sinks: TraceSinks,
    private readonly context: FallbackCallContext,
    entries: number,
  ) {
    const active = sinks.contextManager?.active();
    const span = sinks.tracer?.startSpan(
      CALL_SPAN,
      { attributes: { [ATTR.op]: context.operation, [ATTR.callId]: context.callId, [ATTR.entries]: entries } },
      active,
    );
    this.span = span ?? NO_SPAN;
    if (span !== undefined) this.parent = withSpan(active, span);
  }

  /** Runs one attempt under its own span; `hedge`: a hedge, beside the attempt in flight. */
  attempt<T>(entry: FallbackEntryRef, attempt: number, run: () => T, hedge = false): T {
    // A served stream that failed is being continued by another entry (`midStream: 'continue'`).
    if (!hedge && this.serving !== undefined) this.close(this.serving, 'fallback', undefined, 'error');
    if (!hedge) this.serving = undefined;
    const open = { span: this.start(entry, attempt), entry, startedAt: Date.now() };
    if (hedge) this.racing = open;
    else this.current = open;
    const { span } = open;
    const manager = this.sinks.contextManager;
    return span === NO_SPAN || manager === undefined ? run() : manager.with(withSpan(this.parent, span), run);
  }

  /** A hedge race is over: the hedge's or the first racer's attempt goes on; the other's span ends. */
  raced(hedgeWon: boolean, cancelled: boolean): void {
    const { racing, current } = this;
    this.racing = undefined;
    if (racing === undefined || current === undefined) return;
    if (hedgeWon) this.current = racing;
    this.close(hedgeWon ? current : racing, cancelled ? 'hedged' : 'failed');
  }

  /** An entry passed over for an open circuit: a span of no duration, with the cooldown as an event. */
  skipped(entry: FallbackEntryRef, attempt: number, failure: AttemptFailure): void {
    const span = this.start(entry, attempt);
    const skip = failure.skipped!;
    span.addEvent('circuit-skip', {
      [ATTR.reason]: skip.reason,
      [ATTR.opened]: skip.openedBy,
      [ATTR.until]: new Date(skip.until).toISOString(),
    });
    this.close({ span, entry, startedAt: Date.now() }, 'skipped', failure);
  }

  /** The attempt in flight ended and the chain decided what comes next. */
  settle(action: Settled, failure: AttemptFailure | undefined): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    const { kind } = action;
    if (kind === 'hand-back') {
      this.serving = current;
      current.span.setAttribute(ATTR.outcome, 'success');
      if (this.context.operation === 'stream') {
        const ms = Date.now() - current.startedAt;
        current.span.setAttribute(ATTR.ttfo, ms);
        this.sinks.instruments?.timeToFirstOutput.record(ms, { [ATTR.id]: bounded(current.entry.id) });
      }
      this.count(current.entry, 'success');
      return;
    }
    this.close(
      current,
      kind === 'retry' ? 'retry' : kind === 'move' ? 'fallback' : action.reason === 'aborted' ? 'aborted' : 'failed',
      failure,
    );
    if (kind === 'retry')
      this.span.addEvent('retry-wait', {
        [ATTR.id]: bounded(current.entry.id),
        [ATTR.delayMs]: action.delayMs,
        [ATTR.reason]: failure!.retryAfterMs === undefined ? 'backoff' : 'retry-after',
        [ATTR.error]: failure!.type,
      });
  }

  /** The chain handed a result back (`failed`: a model's own failure, passed on as the bare model's). */
  served(entry: FallbackEntryRef, attempts: number, failed: { error?: unknown } | undefined): void {
    this.span.setAttribute(ATTR.attempts, attempts);
    if (failed !== undefined)
      this.callEnded(failed.error === undefined ? 'rethrown' : endedBy(failed.error), failed.error);
    else {
      this.span.setAttribute(ATTR.served, bounded(entry.id));
      this.span.setAttribute(ATTR.answered, bounded(entry.modelId));
      this.callEnded('success', undefined, entry);
    }
  }

  /** The chain threw. `own`: this run is the call (not a continuation joined to it), so the call ends here. */
  rejected(error: unknown, byCaller: boolean, own: boolean): void {
    if (this.current !== undefined) this.close(this.current, byCaller ? 'aborted' : 'failed');
    this.current = undefined;
    if (!own) return;
    this.callEnded(
      FallbackExhaustedError.isInstance(error) ? endedBy(error) : byCaller ? 'aborted' : 'rethrown',
      error,
    );
    this.end();
  }

  /** Tokens the serving attempt reported. */
  usage(usage: FallbackUsage | undefined): void {
    if (this.serving !== undefined) this.tokens(this.serving.entry, usage, false);
  }

  /** The caller's result is done: the serving attempt's span and the call span end. */
  end(how?: StreamEnd): void {
    if (this.ended) return;
    this.ended = true;
    if (this.serving !== undefined) this.close(this.serving, undefined, undefined, how);
    this.serving = undefined;
    if (how !== undefined) this.span.setAttribute(ATTR.end, how);
    this.span.end();
  }

  private callEnded(outcome: CallOutcome, error: unknown, servedBy?: FallbackEntryRef): void {
    this.span.setAttribute(ATTR.outcome, outcome);
    if (outcome !== 'success') this.fail(this.span, error === undefined ? outcome : describeError(error), outcome);
    this.sinks.instruments?.calls.add(1, {
      [ATTR.op]: this.context.operation,
      [ATTR.outcome]: outcome,
      ...(servedBy && { [ATTR.served]: bounded(servedBy.id) }),
    });
  }

  private start(entry: FallbackEntryRef, attempt: number): TelemetrySpan {
    const attributes = { ...entryAttributes(entry), [ATTR.attempt]: attempt };
    return this.sinks.tracer?.startSpan(ATTEMPT_SPAN, { attributes }, this.parent) ?? NO_SPAN;
  }

  /** An error status: the redacted description, or with `recordErrors: false` only what kind of failure. */
  private fail(span: TelemetrySpan, description: string, kind: string): void {
    span.setStatus({ code: STATUS_ERROR, message: bounded(this.sinks.recordErrors ? description : kind) });
  }

  /** Ends an attempt's span: its outcome (absent for the serving one, already set), its failure, its metrics. */
  private close(attempt: OpenAttempt, outcome: AttemptOutcome | undefined, failure?: AttemptFailure, how?: StreamEnd) {
    const { span, entry } = attempt;
    if (outcome !== undefined) span.setAttribute(ATTR.outcome, outcome);
    if (how !== undefined) span.setAttribute(ATTR.end, how);
    if (failure !== undefined) {
      span.setAttribute(ATTR.error, failure.type);
      if (failure.statusCode !== undefined) span.setAttribute(ATTR.status, failure.statusCode);
      if (failure.retryAfterMs !== undefined) span.setAttribute(ATTR.retryAfter, failure.retryAfterMs);
      if (outcome !== 'skipped') this.fail(span, failure.description, failure.type);
      this.tokens(entry, failure.usage, true);
    } else if (how === 'error' || outcome === 'failed') span.setStatus({ code: STATUS_ERROR, message: how ?? outcome });
    span.end();
    if (outcome !== undefined && outcome !== 'success') this.count(entry, outcome, failure?.type);
    if (outcome !== 'skipped')
      this.sinks.instruments?.attemptDuration.record(Date.now() - attempt.startedAt, {
        [ATTR.id]: bounded(entry.id),
      });
  }

  private count(entry: FallbackEntryRef, outcome: AttemptOutcome, errorType?: string): void {
    this.sinks.instruments?.attempts.add(1, {
      ...entryAttributes(entry),
      [ATTR.outcome]: outcome,
      [ATTR.error]: errorType,
    });
  }

  private tokens(entry: FallbackEntryRef, usage: FallbackUsage | undefined, wasted: boolean): void {
    const counter = this.sinks.instruments?.tokens;
    if (counter === undefined || usage === undefined) return;
    const attributes = { [ATTR.id]: bounded(entry.id), [ATTR.wasted]: wasted };
    if (usage.inputTokens) counter.add(usage.inputTokens, { ...attributes, [ATTR.token]: 'input' });
    if (usage.outputTokens) counter.add(usage.outputTokens, { ...attributes, [ATTR.token]: 'output' });
  }
}
