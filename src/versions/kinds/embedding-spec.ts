import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { wrapEmbeddingModel } from 'ai';
import { combine, everyClaims, smallestLimit } from './capabilities';
import { dimensionGuard } from './embedding-dimensions';
import { identity, type KindSpec, withRecord } from './kind-spec';
import { liftTo } from './lift-kind';

// The symbol the AI SDK 7 reads for a byte budget per call (`@ai-sdk/provider-utils`, registered globally).
const MAX_INPUT_BYTES = Symbol.for('vercel.ai.embeddingModel.maxInputBytesPerCall');

type Model = EmbeddingModelV4 & { readonly [MAX_INPUT_BYTES]?: number };

/**
 * Embedding models, V2 to V4 (their calls are one shape; V2 results have no
 * `warnings`, which AI SDK 5 does not read). The chain claims
 * `maxEmbeddingsPerCall` and the byte budget as the smallest of the entries'
 * and `supportsParallelCalls` only when every entry does, so a batch the AI
 * SDK splits for the chain fits whichever entry answers it.
 */
export const embeddingSpec: KindSpec<Model, EmbeddingModelV4CallOptions, EmbeddingModelV4Result> = {
  kind: 'embedding',
  operation: 'embed',
  versions: ['v2', 'v3', 'v4'],
  unsupportedSettings: version => (version === 'v4' ? [] : ['dimensions']),
  normalize: (model, version) => liftTo(model, version, v3 => wrapEmbeddingModel({ model: v3, middleware: [] })),
  call: (model, options) => model.doEmbed(options),
  guard({ allowMixedDimensions }) {
    if (allowMixedDimensions) return undefined;
    const check = dimensionGuard();
    return (result, entryId, options) =>
      check({ entryId, requested: options.dimensions, embeddings: result.embeddings });
  },
  withMetadata: withRecord,
  createModel(entries, version, call) {
    let maxEmbeddingsPerCall: number | undefined | Promise<number | undefined> | undefined;
    let supportsParallelCalls: boolean | Promise<boolean> | undefined;
    const models = entries.map(entry => entry.model);
    const model = {
      ...identity(entries, version),
      // Lazy, like the entries' own (a provider may resolve them remotely); read once.
      get maxEmbeddingsPerCall() {
        maxEmbeddingsPerCall ??= combine(
          models.map(entry => entry.maxEmbeddingsPerCall),
          limits => smallestLimit(limits),
        );
        return maxEmbeddingsPerCall;
      },
      get supportsParallelCalls() {
        supportsParallelCalls ??= combine(
          models.map(entry => entry.supportsParallelCalls),
          everyClaims,
        );
        return supportsParallelCalls;
      },
      doEmbed: call,
    };
    const bytes = smallestLimit(models.map(entry => entry[MAX_INPUT_BYTES]));
    return bytes === undefined ? model : Object.assign(model, { [MAX_INPUT_BYTES]: bytes });
  },
};
