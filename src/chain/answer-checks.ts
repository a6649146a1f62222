import type { AnswerChecks } from '../attempt/result-check';
import type { FallbackCallContext } from '../types';
import type { JsonRequest } from '../versions/json-request';
import { entryRef } from './failure';
import { checkReport } from './observe';
import type { Chain, ResolvedEntry, ResolvedOptions } from './options';

/** What one call judges its answers by, beyond the built-in checks. */
export interface CallChecks {
  options: ResolvedOptions;
  context: FallbackCallContext;
  /** The call asked for JSON. */
  json: JsonRequest | undefined;
}

/**
 * The checks of one call, or undefined when it asks for no JSON and no entry
 * has a `checkResult` or `commit: 'finish'`: its answers then get the
 * built-in checks alone, and nothing is allocated for them.
 */
export function callChecks(
  chain: Chain,
  context: FallbackCallContext,
  json: JsonRequest | undefined,
): CallChecks | undefined {
  return json === undefined && !chain.judges ? undefined : { options: chain.options, context, json };
}

/** The checks of one attempt, or undefined when the call asked for no JSON and the entry has no `checkResult`. */
export function answerChecks(
  call: CallChecks | undefined,
  entry: ResolvedEntry,
  attempt: number,
): AnswerChecks | undefined {
  if (call === undefined || (call.json === undefined && entry.checkResult === undefined)) return undefined;
  return {
    json: call.json,
    custom: entry.checkResult,
    context: { ...call.context, ...entryRef(entry), attempt },
    report: checkReport(call.options, entry),
  };
}
