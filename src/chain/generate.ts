import { HeldFailure } from '../attempt/held-failure';
import { FallbackEmptyResponseError } from '../errors/empty-response-error';
import type { BaseCallOptions, BaseGenerateResult, SpecAdapter } from '../versions/adapter';
import type { ResultSpec } from '../versions/stream-spec';
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
  const served = await runChain({
    chain,
    context: newContext('generate'),
    signal: params.abortSignal,
    startedAt: Date.now(),
    attempt: (entry, scope) => {
      scope.arm('request', entry.timeouts.requestMs);
      const answer = Promise.resolve(
        adapter.doGenerate(
          entry.model,
          adapter.callOptions(promptFor(adapter, entry, params), entry.settings, scope.signal),
        ),
      );
      return answer.then(checkerOf(adapter));
    },
  });
  served.scope.dispose();
  const { entry } = served;
  const result = adapter.result.withTags(served.value, { producedBy: entry.id });
  const response = result.response;
  return {
    ...result,
    providerMetadata: mergeMetadata(
      result.providerMetadata,
      fallbackMetadata(served, servingUsage(served, adapter.result.usageOf(result))),
    ),
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

/** A result with no output at all is a failure another entry may answer; held, so the last entry hands it on as it is. */
function checked<RESULT>(adapter: { result: ResultSpec<RESULT> }, result: RESULT): RESULT {
  if (adapter.result.hasOutput(result)) return result;
  const finishReason = adapter.result.finishReasonOf(result);
  throw new HeldFailure(
    new FallbackEmptyResponseError({ finishReason }),
    result,
    undefined,
    adapter.result.usageOf(result),
  );
}
