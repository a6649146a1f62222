import type { FallbackConfig } from '../types';
import { applySettings } from '../versions/apply-settings';
import type { AnyKindSpec, KindCallOptions, KindSpec, KindVersion } from '../versions/kinds/kind-spec';
import { planCall } from './call-chain';
import { newContext } from './context';
import { DEFAULTS } from './defaults';
import type { KindResolvedEntry } from './kind-entries';
import { fallbackMetadata } from './metadata';
import type { Chain } from './options';
import { runChain } from './run';

/** Checks a served result before it is handed back (embeddings: the vectors' size across entries). */
type ResultGuard = (result: unknown, entryId: string, options: KindCallOptions) => void;

/**
 * The model `withFallback` returns for a chain of another kind than language
 * models: `spec`'s model, each call run through the same engine as a
 * language model's `doGenerate` (retries, Retry-After, the request and total
 * clocks, health, events, `FallbackExhaustedError`). `specOf` picks the spec
 * of a call once per call only where the shape cannot tell (speech or
 * transcription, for the call's `operation`); the choice of kind is made here,
 * at construction, not per call.
 */
export function createKindModel(
  spec: AnyKindSpec,
  chain: Chain<KindResolvedEntry>,
  version: KindVersion,
  config: Pick<FallbackConfig, 'allowMixedDimensions'>,
  specOf?: (options: KindCallOptions) => AnyKindSpec,
): unknown {
  const guard = spec.guard?.({ allowMixedDimensions: config.allowMixedDimensions ?? DEFAULTS.allowMixedDimensions });
  const call =
    specOf === undefined
      ? (options: KindCallOptions) => callThroughChain(spec, chain, options, guard)
      : (options: KindCallOptions) => callThroughChain(specOf(options), chain, options, guard);
  return spec.createModel(
    chain.entries.map(entry => ({ provider: entry.provider, modelId: entry.modelId, model: entry.model })),
    version,
    call,
  );
}

// Per-request settings (`providerOptions.fallback`) are read as for language models: this call's chain, or its
// primary alone as the bare model. `applySettings` writes an entry's settings for every version of these kinds.
const KIND_CALLS = { version: 'v4', callOptions: applySettings } as const;

/**
 * The engine never reads an entry's model or settings (only the attempt does, here), so a kind's
 * entries run through it as the language entries its types name: one cast, at this boundary.
 */
function engineChain(chain: Chain<KindResolvedEntry>): Chain {
  return chain as unknown as Chain;
}

function callThroughChain<MODEL, OPTIONS extends KindCallOptions, RESULT>(
  spec: KindSpec<MODEL, OPTIONS, RESULT>,
  chain: Chain<KindResolvedEntry>,
  params: OPTIONS,
  guard: ResultGuard | undefined,
): Promise<RESULT> {
  const plan = planCall(KIND_CALLS, engineChain(chain), params);
  if (plan === undefined) return runKindCall(spec, engineChain(chain), params, guard);
  if (plan.alone !== undefined) return Promise.resolve(spec.call(plan.alone.model as unknown as MODEL, plan.params));
  return runKindCall(spec, plan.chain, plan.params, guard);
}

async function runKindCall<MODEL, OPTIONS extends KindCallOptions, RESULT>(
  spec: KindSpec<MODEL, OPTIONS, RESULT>,
  chain: Chain,
  params: OPTIONS,
  guard: ResultGuard | undefined,
): Promise<RESULT> {
  const served = await runChain<RESULT>({
    chain,
    context: newContext(spec.operation),
    signal: params.abortSignal,
    startedAt: Date.now(),
    startedNow: true,
    attempt: (entry, scope) => {
      scope.arm('request', entry.timeouts.requestMs);
      const options = applySettings(params, entry.settings, scope.signal);
      return Promise.resolve(spec.call(entry.model as unknown as MODEL, options));
    },
  });
  served.scope.dispose();
  // The call's span (when telemetry records one) ends with the served result, before the result's own check.
  served.trace?.end();
  guard?.(served.value, served.entry.id, params);
  return spec.withMetadata(served.value, fallbackMetadata(served, undefined));
}
