import type { AnswerChecks } from '../attempt/result-check';
import type { FallbackCallContext } from '../types';
import type { JsonRequest } from '../versions/json-request';
import { entryRef } from './failure';
import { checkReport } from './observe';
import type { ResolvedEntry, ResolvedOptions } from './options';

/** What one call judges its answers by, beyond the built-in checks. */
export interface CallChecks {
  options: ResolvedOptions;
  context: FallbackCallContext;
  /** The call asked for JSON. */
  json: JsonRequest | undefined;
}

/**
 * The checks of one attempt, or undefined when the call asked for no JSON
 * and the entry has no `checkResult`: the answer then gets the built-in
 * checks alone, and nothing is allocated for it.
 */
export function answerChecks(call: CallChecks, entry: ResolvedEntry, attempt: number): AnswerChecks | undefined {
  if (call.json === undefined && entry.checkResult === undefined) return undefined;
  return {
    json: call.json,
    custom: entry.checkResult,
    context: { ...call.context, ...entryRef(entry), attempt },
    report: checkReport(call.options, entry),
  };
}
