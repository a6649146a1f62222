import type { FallbackCallOptions } from '../types';
import { definedOnly } from '../util/defined-only';
import type { AnySpecAdapter } from '../versions/adapter';
import { callFallbackOptions, withoutFallbackOptions } from '../versions/call-fallback-options';
import { parseCallOptions } from './call-options-schema';
import { type Chain, createChain, type ResolvedEntry } from './options';

/** How one call with `providerOptions.fallback` runs: through `chain`, or on `alone` as the bare model. */
export interface CallPlan<OPTIONS> {
  chain: Chain;
  /** The call options without the `fallback` key (and, for `alone`, with its entry settings). */
  params: OPTIONS;
  /** Set when the call disabled the chain: the one entry it calls, as the bare model. */
  alone?: ResolvedEntry;
}

type Resolved = Pick<CallPlan<unknown>, 'chain' | 'alone'>;

// Per chain, the chains its calls asked for, by their settings' JSON: a route that sends the same
// settings on every call validates them once and keeps one chain (its health and its entries) for them.
const resolved = new WeakMap<Chain, Map<string, Resolved>>();
const KEPT_PER_CHAIN = 32;

/**
 * The plan of a call that carries `providerOptions.fallback`, or `undefined`
 * for one that does not: that call pays two property reads, nothing else.
 *
 * @throws {FallbackConfigError} when the settings are invalid or name an unknown entry.
 */
export function planCall<OPTIONS extends object>(
  adapter: Pick<AnySpecAdapter, 'version' | 'callOptions'>,
  chain: Chain,
  params: OPTIONS,
): CallPlan<OPTIONS> | undefined {
  const settings = callFallbackOptions(params, adapter.version);
  if (settings === undefined) return undefined;
  const plan = resolveCached(chain, settings);
  const own: OPTIONS = withoutFallbackOptions(params, adapter.version);
  const { alone } = plan;
  if (alone?.settings === undefined) return { ...plan, params: own };
  // The caller's own signal: without the chain there are no attempt clocks to link it to.
  return {
    ...plan,
    params: adapter.callOptions(own, alone.settings, (own as { abortSignal?: AbortSignal }).abortSignal as AbortSignal),
  };
}

function resolveCached(chain: Chain, settings: unknown): Resolved {
  let byKey = resolved.get(chain);
  if (byKey === undefined) {
    byKey = new Map();
    resolved.set(chain, byKey);
  }
  let key: string | undefined;
  try {
    key = JSON.stringify(settings);
  } catch {
    // Not JSON (a cycle, a BigInt): validated on its own, and refused there.
  }
  const known = key === undefined ? undefined : byKey.get(key);
  if (known !== undefined) return known;
  const plan = resolveCallChain(
    chain,
    parseCallOptions(
      settings,
      chain.entries.map(entry => entry.id),
    ),
  );
  if (key !== undefined) {
    if (byKey.size >= KEPT_PER_CHAIN) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, plan);
  }
  return plan;
}

/**
 * The chain of one call: the entries it names, in its order, at their
 * positions in this call (0 is this call's primary); its retries, clocks and
 * `commit` over the chain's and every entry's; its `totalMs` and `midStream` over the chain's.
 */
function resolveCallChain(chain: Chain, settings: FallbackCallOptions): Resolved {
  const byId = new Map(chain.entries.map(entry => [entry.id, entry]));
  const listed = settings.entries?.map(id => byId.get(id)!) ?? chain.entries;
  if (settings.enabled === false) return { chain, alone: listed[0]! };
  const { totalMs, ...clocks } = definedOnly(settings.timeouts);
  const { maxRetriesPerModel: retries, commit } = settings;
  const entries =
    settings.entries === undefined && retries === undefined && commit === undefined && Object.keys(clocks).length === 0
      ? chain.entries
      : listed.map((entry, index) => ({
          ...entry,
          index,
          maxRetries: retries ?? entry.maxRetries,
          timeouts: { ...entry.timeouts, ...clocks },
          commit: commit ?? entry.commit,
        }));
  const options = definedOnly({ totalMs, midStream: settings.midStream });
  if (entries === chain.entries && Object.keys(options).length === 0) return { chain };
  return { chain: createChain(entries, { ...chain.options, ...options }) };
}
