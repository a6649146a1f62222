import type { FallbackConfig } from '../types';
import type { DetectedKind } from '../versions/kinds/model-kind';
import { kindChainVersion, specOfKind } from '../versions/kinds/specs';
import { parseKindEntries, refuseLanguageOptions, resolveKindEntries } from './kind-entries';
import { createKindModel } from './kind-model';
import { createChain, type ResolvedOptions } from './options';

/**
 * The model of a chain of embedding, image, reranking, speech, transcription
 * or video models: entries validated for the kind, models lifted to the
 * chain's version, and the kind's model over the one engine. `options` are
 * the validated chain options.
 */
export function kindChainModel(
  models: readonly unknown[],
  config: FallbackConfig | undefined,
  options: ResolvedOptions,
  kind: Exclude<DetectedKind, 'language'>,
  where: { caller: string; root: string },
): unknown {
  refuseLanguageOptions(config, kind, where.caller);
  const { spec, specOf } = specOfKind(kind);
  const parsed = parseKindEntries(models, kind, where);
  const version = kindChainVersion(parsed.map(entry => entry.model as { specificationVersion: string }));
  const entries = resolveKindEntries(parsed, options, spec, version, where);
  if (!options.enabled) return entries[0]!.model;
  return createKindModel(spec, createChain(entries, options), version, config ?? {}, specOf);
}
