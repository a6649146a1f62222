import type { BaseCallOptions, BaseGenerateResult, SpecAdapter } from '../versions/adapter';
import { generateThroughChain } from './generate';
import type { Chain } from './options';
import { streamThroughChain } from './stream';

/**
 * The language model `withFallback` returns, of the spec version of
 * `adapter`: the primary's identity, capabilities every entry has, and each
 * call run through the chain.
 */
export function createChainModel<
  MODEL,
  OPTIONS extends BaseCallOptions,
  RESULT extends BaseGenerateResult,
  PART,
  STREAM extends { stream: ReadableStream<PART> },
>(adapter: SpecAdapter<MODEL, OPTIONS, RESULT, PART, STREAM>, chain: Chain): MODEL {
  return adapter.createModel(chain.entries, {
    doGenerate: params => generateThroughChain(adapter, chain, params),
    doStream: params => streamThroughChain(adapter, chain, params),
  });
}
