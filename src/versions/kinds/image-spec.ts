import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import { wrapImageModel } from 'ai';
import { combine, everyClaims, perCallLimit } from './capabilities';
import { identity, type KindSpec, withRecord } from './kind-spec';
import { liftTo } from './lift-kind';

/**
 * Image models, V2 to V4. The chain's `maxImagesPerCall` is the smallest of
 * the entries' (an entry that gives none counts as 1, the AI SDK's default
 * for it), so `generateImage` never asks the chain for more images in one
 * call than whichever entry answers can make; `supportsFileInputs` and
 * `supportsMaskInputs` only when every entry claims them.
 *
 * The fallback record is per image (`providerMetadata.fallback.images[i]`):
 * the AI SDK keeps only each provider's `images` array when it merges the
 * calls of one `generateImage`, and each call may be served by another entry.
 */
export const imageSpec: KindSpec<ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result> = {
  kind: 'image',
  operation: 'image',
  versions: ['v2', 'v3', 'v4'],
  unsupportedSettings: () => [],
  normalize: (model, version) => liftTo(model, version, v3 => wrapImageModel({ model: v3, middleware: [] })),
  call: (model, options) => model.doGenerate(options),
  withMetadata: (result, record) =>
    withRecord(result, { fallback: { images: result.images.map(() => record.fallback) } }),
  createModel(entries, version, call) {
    const models = entries.map(entry => entry.model);
    const model: ImageModelV4 = {
      ...identity(entries, version),
      maxImagesPerCall: perCallLimit(models, entry => entry.maxImagesPerCall),
      doGenerate: call,
    };
    for (const name of ['supportsFileInputs', 'supportsMaskInputs'] as const) {
      if (models.every(entry => entry[name] === undefined)) continue;
      let claim: boolean | Promise<boolean> | undefined;
      Object.defineProperty(model, name, {
        enumerable: true,
        get: () => {
          claim ??= combine(
            models.map(entry => entry[name]),
            claims => everyClaims(claims),
          );
          return claim;
        },
      });
    }
    return model;
  },
};
