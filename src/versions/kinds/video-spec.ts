import type {
  Experimental_VideoModelV4 as VideoModelV4,
  Experimental_VideoModelV4CallOptions as VideoModelV4CallOptions,
  Experimental_VideoModelV4Result as VideoModelV4Result,
} from '@ai-sdk/provider';
import { perCallLimit } from './capabilities';
import { identity, type KindSpec, withRecord } from './kind-spec';

/**
 * Video models, V4 (AI SDK 7). The chain runs `doGenerate`, one request for
 * one result; a model that only starts an operation to poll (`doStart` and
 * `doStatus`, no `doGenerate`) is refused: falling back over a polled
 * operation is not one request. The chain has no `doStart`, so
 * `experimental_generateVideo` calls its `doGenerate` even with `poll` or
 * `webhook` (with the AI SDK's warning that they are not supported).
 * `maxVideosPerCall` is the smallest of the entries'.
 */
export const videoSpec: KindSpec<VideoModelV4, VideoModelV4CallOptions, VideoModelV4Result> = {
  kind: 'video',
  operation: 'video',
  versions: ['v4'],
  unsupportedSettings: () => [],
  unusable: model =>
    typeof model.doGenerate === 'function'
      ? undefined
      : 'has no doGenerate (only doStart/doStatus): the chain falls back over one request, not a polled operation',
  normalize: model => model,
  call: (model, options) => model.doGenerate!(options),
  withMetadata: withRecord,
  createModel: (entries, version, call) => ({
    ...identity(entries, version),
    maxVideosPerCall: perCallLimit(
      entries.map(entry => entry.model),
      model => model.maxVideosPerCall,
    ),
    doGenerate: call,
  }),
};
