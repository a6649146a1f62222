import type { FallbackModelKind } from '../../types';

/** For messages: what a model of each kind is. */
export const KIND_LABELS: Record<FallbackModelKind, string> = {
  language: 'a language model',
  embedding: 'an embedding model',
  image: 'an image model',
  reranking: 'a reranking model',
  speech: 'a speech model',
  transcription: 'a transcription model',
  video: 'a video model',
};

/**
 * What the model's shape says it is. `'audio'`: speech or transcription,
 * which share one shape (`doGenerate` alone, or with `doStream` but no
 * `supportedUrls`). `undefined`: not a model of any kind.
 */
export type DetectedKind = FallbackModelKind | 'audio';

/**
 * The kind of `model`, from its members: each spec version of a kind has the
 * same distinctive member, so the version does not matter here. A language
 * model is told from a streaming transcription model by `supportedUrls`
 * (V2+), or by being V1.
 */
export function detectKind(model: unknown): DetectedKind | undefined {
  if (typeof model !== 'object' || model === null || !('specificationVersion' in model)) return undefined;
  const has = (name: string) => typeof (model as Record<string, unknown>)[name] === 'function';
  if (has('doEmbed')) return 'embedding';
  if (has('doRerank')) return 'reranking';
  if ('maxImagesPerCall' in model) return 'image';
  if ('maxVideosPerCall' in model || has('doStart')) return 'video';
  if (!has('doGenerate')) return undefined;
  if (has('doStream') && ('supportedUrls' in model || model.specificationVersion === 'v1')) return 'language';
  return 'audio';
}

/** Whether a model detected as `detected` can be of `kind`. */
export function fitsKind(detected: DetectedKind, kind: FallbackModelKind): boolean {
  return detected === kind || (detected === 'audio' && (kind === 'speech' || kind === 'transcription'));
}

/** Bare models and the `model` of entries. */
function modelOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && !('specificationVersion' in item) && 'model' in item
    ? (item as { model: unknown }).model
    : item;
}

/**
 * The kind of a chain of `models`, or a `TypeError` naming the first two
 * entries of different kinds (and `kind` when the user's `kind` does not fit
 * an entry). Items that are not models are left to entry validation; a chain
 * with none is a language chain (its validation explains). `'audio'` stays
 * when nothing says speech or transcription: both run the same way.
 */
export function chainKind(
  models: unknown,
  kind: FallbackModelKind | undefined,
  { caller = 'withFallback', root = 'models' } = {},
): DetectedKind {
  const items: readonly unknown[] = Array.isArray(models) ? models : [];
  let first: { kind: DetectedKind; position: number } | undefined;
  items.forEach((item, position) => {
    const detected = detectKind(modelOf(item));
    if (detected === undefined) return;
    if (kind !== undefined && !fitsKind(detected, kind)) {
      throw new TypeError(
        `${caller}: ${root}[${position}] is ${label(detected)}, but the chain's kind is '${kind}'; ` +
          'a chain holds models of one kind: give each kind its own withFallback',
      );
    }
    if (first === undefined) first = { kind: detected, position };
    else if (first.kind !== detected) {
      throw new TypeError(
        `${caller}: ${root}[${first.position}] is ${label(first.kind)} and ${root}[${position}] is ${label(detected)}; ` +
          'a chain holds models of one kind (its result is one kind of model): give each kind its own withFallback',
      );
    }
  });
  if (kind !== undefined) return kind;
  return first?.kind ?? 'language';
}

function label(kind: DetectedKind): string {
  return kind === 'audio' ? 'a speech or transcription model' : KIND_LABELS[kind];
}
