import { FallbackEmptyResponseError } from '../errors/empty-response-error';
import { FallbackResultError } from '../errors/result-error';
import type { FallbackCheckContext, FallbackCheckResult, FallbackResult } from '../types';
import { CLASSIFIED_ERROR_TYPES } from '../types/error-type';
import type { JsonRequest } from '../versions/json-request';
import { NO_VALIDATOR, schemaIssue } from './json-schema';
import type { AttemptScope } from './scope';

/** The checks a call asks for beyond the built-in ones; absent when it asks for none. */
export interface AnswerChecks {
  /** The call asked for JSON (and maybe sent a schema). */
  json: JsonRequest | undefined;
  custom: FallbackCheckResult | undefined;
  /** The context `custom` is called with, without its signal (the attempt's). */
  context: Omit<FallbackCheckContext, 'abortSignal'>;
  /** Where what goes wrong with a check is reported (the chain's logs). */
  report: CheckReport;
}

/** What a check can go wrong with; the chain logs each once. */
export interface CheckReport {
  /** `checkResult` threw: the answer stands. */
  threw(error: unknown): void;
  /** `checkResult` returned something that is not an error type: the answer stands. */
  invalid(value: unknown): void;
  /** A schema was sent, but `@cfworker/json-schema` is not installed: JSON syntax alone was checked. */
  noValidator(): void;
}

/** One answer as the checks read it; `result` is built only when `checkResult` needs it. */
export interface Answer {
  finishReason: string | undefined;
  text(): string | undefined;
  result(): FallbackResult;
}

/**
 * The checks every answer gets, in order: a filter stopped it (with or
 * without output: it wins over an empty answer), or it has no output at
 * all. Allocates nothing for an answer that passes.
 */
export function builtInRejection(finishReason: string | undefined, hasOutput: boolean): Error | undefined {
  if (finishReason === 'content-filter') {
    return new FallbackResultError({ type: 'content-filter', finishReason, reason: 'finish reason content-filter' });
  }
  return hasOutput ? undefined : new FallbackEmptyResponseError({ finishReason });
}

/**
 * The checks a call asked for, after the built-in ones: JSON syntax and the
 * schema when the call asked for JSON, then `checkResult`. Resolves to the
 * error that makes the answer a failure, or undefined when it passes.
 * `checkResult` runs under the attempt's clocks (its signal aborts with them,
 * and a check that ignores it is raced against them); if it throws, the
 * answer stands.
 */
export async function judgeAnswer(
  answer: Answer,
  checks: AnswerChecks,
  scope: AttemptScope,
): Promise<FallbackResultError | undefined> {
  const { finishReason } = answer;
  const invalid = (reason: string) => new FallbackResultError({ type: 'invalid-output', finishReason, reason });
  const text = checks.json === undefined ? undefined : answer.text();
  // An answer that is only a tool call has no text to judge.
  if (text !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return invalid(jsonSyntaxReason(error, text));
    }
    if (checks.json!.schema !== undefined) {
      const issue = await schemaIssue(checks.json!.schema, value);
      if (issue === NO_VALIDATOR) checks.report.noValidator();
      else if (issue !== undefined) return invalid(`schema: ${issue}`);
    }
  }
  if (checks.custom === undefined) return undefined;
  let type: unknown;
  try {
    const verdict = checks.custom(answer.result(), { ...checks.context, abortSignal: scope.signal });
    type = await scope.race(Promise.resolve(verdict));
  } catch (error) {
    // Our clocks and the caller's abort end the attempt; anything else is the check's own failure.
    if (scope.signal.aborted) throw scope.timeout ?? scope.signal.reason;
    checks.report.threw(error);
    return undefined;
  }
  if (type === undefined) return undefined;
  if (!(CLASSIFIED_ERROR_TYPES as readonly unknown[]).includes(type)) {
    checks.report.invalid(type);
    return undefined;
  }
  return new FallbackResultError({
    type: type as FallbackResultError['type'],
    finishReason,
    reason: `checkResult returned '${String(type)}'`,
  });
}

/** `'invalid JSON at position 17'`, from the engine's message where it gives a position; never the text itself. */
export function jsonSyntaxReason(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return `invalid JSON at position ${position}`;
  if (/end of (?:JSON )?input|Unterminated/i.test(message)) return `invalid JSON at position ${text.length}`;
  // V8 names the token it stopped at, without its position.
  const token = /^Unexpected token '(.{1,4}?)'/.exec(message)?.[1];
  return token === undefined ? 'invalid JSON' : `invalid JSON: unexpected token '${token}'`;
}
