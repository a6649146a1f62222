import type { LanguageModelV2, LanguageModelV3 } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import type { ChainModel } from './chain-model';
import { SPEC_LABELS, type SpecVersion, specVersionOf } from './spec-version';
import { v2ToV3 } from './v2-to-v3';

/**
 * The model as a model of the chain's spec version `target`: unchanged when it
 * already is one; V2 lifted to V3 here; V2/V3 lifted to V4 by `ai@7` itself
 * (`wrapLanguageModel`), the package that defines how AI SDK 7 runs older
 * models. `where` names the model in errors.
 */
export function normalizeModel(model: ChainModel, target: SpecVersion, where: string): ChainModel {
  const version = specVersionOf(model);
  if (version === target) return model;
  if (version === undefined) {
    throw new TypeError(
      `${where}: specificationVersion '${String((model as { specificationVersion?: unknown }).specificationVersion)}' is not supported; ` +
        `expected 'v1' (AI SDK 4), 'v2' (AI SDK 5), 'v3' (AI SDK 6) or 'v4' (AI SDK 7)`,
    );
  }
  if (version === 'v1' || target === 'v1') {
    throw new TypeError(
      `${where}: a ${SPEC_LABELS[version]} model cannot be used where a ${SPEC_LABELS[target]} model is needed; ` +
        'V1 models work only in chains of V1 models, for AI SDK 4',
    );
  }
  if (target === 'v3' && version === 'v2') return v2ToV3(model as LanguageModelV2);
  if (target === 'v4') {
    const lifted: { specificationVersion: string } = wrapLanguageModel({
      model: model as LanguageModelV2 | LanguageModelV3,
      middleware: [],
    });
    if (lifted.specificationVersion === 'v4') return lifted as ChainModel;
    throw new TypeError(
      `${where}: lifting a ${SPEC_LABELS[version]} model to V4 needs ai@7, but the installed 'ai' returned a '${lifted.specificationVersion}' model`,
    );
  }
  throw new TypeError(`${where}: a ${SPEC_LABELS[version]} model cannot be lowered to ${SPEC_LABELS[target]}`);
}
