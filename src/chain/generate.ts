import { HeldFailure } from '../attempt/held-failure';
import { type AnswerChecks, builtInRejection, judgeAnswer } from '../attempt/result-check';
import type { AttemptScope } from '../attempt/scope';
import type { BaseCallOptions, BaseGenerateResult, SpecAdapter } from '../versions/adapter';
import { jsonRequestOf } from '../versions/json-request';
import type { ResultSpec } from '../versions/stream-spec';
import { answerChecks, callChecks } from './answer-checks';
import { planCall } from './call-chain';
import { newContext } from './context';
import { promptFor } from './entry-prompt';
import { fallbackMetadata, mergeMetadata, servingUsage } from './metadata';
import type { Chain } from './options';
import { runChain } from './run';

/** An adapter as the chain uses it: the model shape it builds does not matter here. */
export type Adapter<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
> = SpecAdapter<unknown, OPTIONS, RESULT, PART, STREAM>;

/** Runs one `doGenerate` call through the chain, for the spec version of `adapter`. */
export async function generateThroughChain<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: Adapter<OPTIONS, RESULT, PART, STREAM>, chain: Chain, params: OPTIONS): Promise<RESULT> {
  const plan = planCall(adapter, chain, params);
  if (plan !== undefined) {
    if (plan.alone !== undefined) return adapter.doGenerate(plan.alone.model, plan.params);
    return generateThroughChain(adapter, plan.chain, plan.params);
  }
  const context = newContext('generate');
  const call = callChecks(chain, context, jsonRequestOf(params));
  const served = await runChain({
    chain,
    context,
    signal: params.abortSignal,
    startedAt: Date.now(),
    startedNow: true,
    attempt: (entry, scope, attempt) => {
      scope.arm('request', entry.timeouts.requestMs);
      const answer = Promise.resolve(
        adapter.doGenerate(
          entry.model,
          adapter.callOptions(promptFor(adapter, entry, params), entry.settings, scope.signal),
        ),
      );
      const checks = answerChecks(call, entry, attempt);
      return checks === undefined
        ? answer.then(checkerOf(adapter))
        : answer.then(result => judged(adapter, result, checks, scope));
    },
  });
  served.scope.dispose();
  const { entry, trace } = served;
  const result = adapter.result.withTags(served.value, { producedBy: entry.id });
  const response = result.response;
  const usage = servingUsage(served, adapter.result.usageOf(result));
  if (trace !== undefined) {
    trace.usage(usage);
    trace.end();
  }
  return {
    ...result,
    providerMetadata: mergeMetadata(result.providerMetadata, fallbackMetadata(served, usage)),
    response: response?.modelId === undefined ? { ...response, modelId: entry.modelId } : response,
  };
}

const checkers = new WeakMap<object, (result: never) => unknown>();

/** The result check of an adapter's version, made once: no closure per call. */
function checkerOf<RESULT>(adapter: { result: ResultSpec<RESULT> }): (result: RESULT) => RESULT {
  let checker = checkers.get(adapter) as ((result: RESULT) => RESULT) | undefined;
  if (checker === undefined) {
    checker = result => checked(adapter, result);
    checkers.set(adapter, checker as (result: never) => unknown);
  }
  return checker;
}

/**
 * A result a filter stopped, or with no output at all, is a failure another
 * entry may answer; held, so the last entry hands it on as it is.
 */
function checked<RESULT>(adapter: { result: ResultSpec<RESULT> }, result: RESULT): RESULT {
  const spec = adapter.result;
  return heldIf(spec, result, builtInRejection(spec.finishReasonOf(result), spec.hasOutput(result)));
}

/** {@link checked}, then the checks the call asked for (JSON, schema, `checkResult`). */
async function judged<RESULT>(
  { result: spec }: { result: ResultSpec<RESULT> },
  result: RESULT,
  checks: AnswerChecks,
  scope: AttemptScope,
): Promise<RESULT> {
  const finishReason = spec.finishReasonOf(result);
  const answer = { finishReason, text: () => spec.textOf(result), result: () => spec.resultOf(result) };
  return heldIf(
    spec,
    result,
    builtInRejection(finishReason, spec.hasOutput(result)) ?? (await judgeAnswer(answer, checks, scope)),
  );
}

function heldIf<RESULT>(spec: ResultSpec<RESULT>, result: RESULT, rejection: Error | undefined): RESULT {
  if (rejection === undefined) return result;
  throw new HeldFailure(rejection, result, undefined, spec.usageOf(result));
}
