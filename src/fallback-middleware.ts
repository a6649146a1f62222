import type { LanguageModelV4, LanguageModelV4Middleware } from '@ai-sdk/provider';
import { generateWithFallback, streamWithFallback } from './model/fallback-language-model';
import { type ResolvedEntry, resolveEntries, resolveOptions } from './options/resolve-options';
import type { FallbackConfig, FallbackEntry, FallbackModel } from './types';

/** Options of `fallbackMiddleware`: the chain's config, plus how the wrapped (primary) model is treated. */
export interface FallbackMiddlewareConfig extends FallbackConfig {
  /** Entry options for the wrapped model, which is the primary. */
  primary?: Omit<FallbackEntry, 'model'>;
}

/**
 * The same engine as `withFallback`, as middleware: the wrapped model is the
 * primary and `fallbacks` follow it. Works with `wrapLanguageModel` and with
 * `createProviderRegistry(…, { languageModelMiddleware })`.
 */
export function fallbackMiddleware(
  fallbacks: readonly (FallbackModel | FallbackEntry)[],
  { primary, ...config }: FallbackMiddlewareConfig = {},
): LanguageModelV4Middleware {
  const options = resolveOptions(config, 'fallbackMiddleware');
  const rest = resolveEntries(fallbacks, options, { caller: 'fallbackMiddleware', root: 'fallbacks', first: 1 });
  const chains = new WeakMap<LanguageModelV4, ResolvedEntry[]>();
  const chainFor = (model: LanguageModelV4) => {
    let chain = chains.get(model);
    if (chain === undefined) {
      const [head] = resolveEntries([{ ...primary, model }], options, {
        caller: 'fallbackMiddleware',
        root: 'primary',
      });
      chain = [head!, ...rest];
      chains.set(model, chain);
    }
    return chain;
  };

  return {
    specificationVersion: 'v4',
    wrapGenerate: ({ doGenerate, params, model }) =>
      options.enabled ? generateWithFallback(chainFor(model), options, params) : doGenerate(),
    wrapStream: ({ doStream, params, model }) =>
      options.enabled ? streamWithFallback(chainFor(model), options, params) : doStream(),
  };
}
