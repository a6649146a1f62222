import type { LanguageModelV4, LanguageModelV4Middleware } from '@ai-sdk/provider';
import { generateThroughChain } from './chain/generate';
import { type Chain, createChain, type ResolvedEntry, resolveEntries, resolveOptions } from './chain/options';
import { parseEntries } from './chain/options-schema';
import { streamThroughChain } from './chain/stream';
import type { FallbackConfig, FallbackEntry, FallbackModel } from './types';
import { v4Adapter } from './versions/v4-adapter';

/** Options of `fallbackMiddleware`: the chain's config, plus how the wrapped (primary) model is treated. */
export interface FallbackMiddlewareConfig extends FallbackConfig {
  /** Entry options for the wrapped model, which is the primary. */
  primary?: Omit<FallbackEntry, 'model'>;
}

const CALLER = 'fallbackMiddleware';

/**
 * The same engine as `withFallback`, as AI SDK 7 middleware: the wrapped
 * model is the primary and `fallbacks` follow it. Works with
 * `wrapLanguageModel` and with `createProviderRegistry(…, { languageModelMiddleware })`.
 */
export function fallbackMiddleware(
  fallbacks: readonly (FallbackModel | FallbackEntry)[],
  middlewareConfig: FallbackMiddlewareConfig = {},
): LanguageModelV4Middleware {
  const { primary, ...config } = middlewareConfig ?? {};
  const options = resolveOptions(config, CALLER);
  const rest = resolveEntries(
    parseEntries(fallbacks, { caller: CALLER, root: 'fallbacks', allowEmpty: true }),
    options,
    {
      caller: CALLER,
      root: 'fallbacks',
      first: 1,
    },
  );
  const chains = new WeakMap<LanguageModelV4, Chain>();
  const chainFor = (model: LanguageModelV4) => {
    let chain = chains.get(model);
    if (chain === undefined) {
      const [head] = resolveEntries(
        parseEntries([{ ...primary, model }], { caller: CALLER, root: 'primary' }),
        options,
        {
          caller: CALLER,
          root: 'primary',
        },
      );
      chain = createChain([head as ResolvedEntry, ...rest], options);
      chains.set(model, chain);
    }
    return chain;
  };

  return {
    specificationVersion: 'v4',
    wrapGenerate: ({ doGenerate, params, model }) =>
      options.enabled ? generateThroughChain(v4Adapter, chainFor(model), params) : doGenerate(),
    wrapStream: ({ doStream, params, model }) =>
      options.enabled ? streamThroughChain(v4Adapter, chainFor(model), params) : doStream(),
  };
}
