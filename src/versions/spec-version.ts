/** A language model specification version this package serves. */
export type SpecVersion = 'v1' | 'v2' | 'v3' | 'v4';

/** For messages: the spec and the AI SDK major that uses it. */
export const SPEC_LABELS: Record<SpecVersion, string> = {
  v1: 'LanguageModelV1 (AI SDK 4)',
  v2: 'LanguageModelV2 (AI SDK 5)',
  v3: 'LanguageModelV3 (AI SDK 6)',
  v4: 'LanguageModelV4 (AI SDK 7)',
};

const ORDER: readonly SpecVersion[] = ['v1', 'v2', 'v3', 'v4'];

/** The model's spec version, or undefined when it is not one this package serves. */
export function specVersionOf(model: unknown): SpecVersion | undefined {
  const version = (model as { specificationVersion?: unknown } | null | undefined)?.specificationVersion;
  return ORDER.includes(version as SpecVersion) ? (version as SpecVersion) : undefined;
}

/**
 * The spec version of the model a chain of these models is: the highest of
 * them (V2 and V3 are lifted as the AI SDK of that version does). V1 cannot be
 * lifted, nor later specs lowered to it, so V1 mixed with anything else is
 * refused here, naming an entry of each kind. Items that are not models are
 * skipped: entry validation reports them.
 */
export function chainSpecVersion(models: unknown, { caller = 'withFallback', root = 'models' } = {}): SpecVersion {
  if (!Array.isArray(models)) return 'v4';
  const found = new Map<SpecVersion, number>();
  models.forEach((item, position) => {
    const model = isRecord(item) && !('specificationVersion' in item) && 'model' in item ? item.model : item;
    const version = specVersionOf(model);
    if (version !== undefined && !found.has(version)) found.set(version, position);
  });
  const v1 = found.get('v1');
  const other = ORDER.slice(1).find(version => found.has(version));
  if (v1 !== undefined && other !== undefined) {
    const at = found.get(other)!;
    throw new TypeError(
      `${caller}: ${root}[${v1}] is a ${SPEC_LABELS.v1} model and ${root}[${at}] is a ${SPEC_LABELS[other]} model; ` +
        'a chain cannot mix V1 with later specs: AI SDK 4 accepts only V1 models and AI SDK 5+ refuse V1 models. ' +
        `Use models from the provider packages of the one AI SDK major your app calls (for AI SDK 4: @ai-sdk/* 1.x providers; for AI SDK 5+: 2.x or later).`,
    );
  }
  return ORDER.findLast(version => found.has(version)) ?? 'v4';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
