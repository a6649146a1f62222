import type { FinishMetadata } from '../attempt/continuation';
import { forwardCommitted } from '../attempt/forward';
import type { BaseCallOptions, BaseGenerateResult } from '../versions/adapter';
import { jsonRequestOf } from '../versions/json-request';
import { callChecks } from './answer-checks';
import { planCall } from './call-chain';
import { newContext } from './context';
import { continueWith } from './continue';
import type { Adapter } from './generate';
import { fallbackMetadata, servingUsage, withUsage } from './metadata';
import type { Chain } from './options';
import { runChain } from './run';
import { releaseCommitted, streamAttempt } from './stream-attempt';

/**
 * Runs one `doStream` call through the chain, for the spec version of
 * `adapter`. It resolves at the commit point: before it, failures retry or
 * fall back invisibly; after it, the stream belongs to the model that
 * produced the first output (or, with `midStream: 'continue'`, to the models
 * that continue its text). When no entry takes over a failure before the
 * commit point, the model's own stream is handed on unchanged.
 */
export async function streamThroughChain<
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: Adapter<OPTIONS, RESULT, PART, STREAM>, chain: Chain, params: OPTIONS): Promise<STREAM> {
  const plan = planCall(adapter, chain, params);
  if (plan !== undefined) {
    if (plan.alone !== undefined) return adapter.doStream(plan.alone.model, plan.params);
    return streamThroughChain(adapter, plan.chain, plan.params);
  }
  const context = newContext('stream');
  const startedAt = Date.now();
  const served = await runChain({
    chain,
    context,
    signal: params.abortSignal,
    startedAt,
    startedNow: true,
    attempt: streamAttempt(adapter, params, callChecks(chain, context, jsonRequestOf(params))),
    release: releaseCommitted,
  });
  const { value, entry, scope, passThrough, trace } = served;
  const { head } = value.committed;
  const spec = adapter.stream;
  const modelPart = head.some(spec.namesModel) ? undefined : spec.modelPart(entry.modelId);
  if (modelPart !== undefined) head.splice(head[0] !== undefined && spec.leadsStream(head[0]) ? 1 : 0, 0, modelPart);
  const recorded = fallbackMetadata(served, undefined);
  const metadata: FinishMetadata<PART> = finish => {
    const usage = finish === undefined ? undefined : servingUsage(served, spec.usageOf(finish));
    trace?.usage(usage);
    return withUsage(recorded, usage);
  };
  scope.release();
  const exhausted = passThrough?.error;
  return {
    ...value.result,
    stream: forwardCommitted({
      committed: value.committed,
      scope,
      spec,
      metadata,
      tag: { producedBy: entry.id },
      ...(exhausted === undefined ? {} : { mapError: () => exhausted }),
      ...(trace === undefined ? {} : { onEnd: how => trace.end(how) }),
      continueAfter:
        chain.options.midStream === 'continue' && passThrough === undefined
          ? continueWith({ adapter, chain, params, context, startedAt, servedBy: entry, metadata: recorded, trace })
          : undefined,
    }),
  };
}
