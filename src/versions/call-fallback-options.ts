import type { SpecVersion } from './spec-version';

/** The call option that carries provider options: V1 (AI SDK 4) names it `providerMetadata`. */
function optionName(version: SpecVersion): 'providerOptions' | 'providerMetadata' {
  return version === 'v1' ? 'providerMetadata' : 'providerOptions';
}

type ByProvider = Record<string, unknown> | undefined;

/** `providerOptions.fallback` of a call, or `undefined`: two property reads, nothing allocated. */
export function callFallbackOptions(params: object, version: SpecVersion): unknown {
  return ((params as Record<string, ByProvider>)[optionName(version)] as ByProvider)?.fallback;
}

/**
 * The call options without `providerOptions.fallback`, which is this package's
 * and no provider's. When nothing else was in `providerOptions`, the option is
 * left out, as a call without per-call settings has it.
 */
export function withoutFallbackOptions<OPTIONS extends object>(params: OPTIONS, version: SpecVersion): OPTIONS {
  const name = optionName(version);
  const { [name]: byProvider, ...rest } = params as Record<string, ByProvider>;
  const { fallback: _, ...others } = byProvider ?? {};
  return (Object.keys(others).length === 0 ? rest : { ...rest, [name]: others }) as OPTIONS;
}
