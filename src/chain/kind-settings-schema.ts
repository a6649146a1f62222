import { z } from 'zod/v4';
import type { FallbackModelKind } from '../types';
import type { DetectedKind } from '../versions/kinds/model-kind';
import { numberOption } from './number-option';
import { settingsSchema } from './settings-schema';

// Per-entry settings of the kinds besides language models, checked as `ai` checks the caller's own
// options: an entry's settings reach the provider after `ai` has validated the call, so nothing else would.

const { headers, providerOptions } = settingsSchema.shape;
const text = z.string({ error: 'expected a string' }).optional();
const seed = numberOption('whole number', { int: true }).optional();
const pattern = (regex: RegExp, what: string) =>
  z.string({ error: `expected ${what}` }).regex(regex, `expected ${what}`);
const size = pattern(/^\d+x\d+$/, "a size like '1024x1024'");
const aspectRatio = pattern(/^\d+:\d+$/, "an aspect ratio like '16:9'");
const object = (shape: z.ZodRawShape) =>
  z.strictObject({ headers, providerOptions, ...shape }, { error: 'expected an object of call options' });

const speech = object({
  voice: text,
  outputFormat: text,
  instructions: text,
  speed: numberOption('number > 0', { gt: 0 }).optional(),
  language: text,
});

/** The settings schema of each kind. Speech or transcription unknown (`'audio'`): speech's, which has transcription's too. */
export const KIND_SETTINGS: Record<Exclude<DetectedKind, 'language'>, z.ZodType> = {
  embedding: object({ dimensions: numberOption('whole number >= 1', { int: true, min: 1 }).optional() }),
  image: object({ size: size.optional(), aspectRatio: aspectRatio.optional(), seed }),
  speech,
  audio: speech,
  transcription: object({}),
  reranking: object({}),
  video: object({
    aspectRatio: z
      .union([aspectRatio, z.literal('adaptive')], { error: "expected an aspect ratio like '16:9', or 'adaptive'" })
      .optional(),
    resolution: size.optional(),
    duration: numberOption('number of seconds > 0', { gt: 0 }).optional(),
    fps: numberOption('whole number >= 1', { int: true, min: 1 }).optional(),
    seed,
    generateAudio: z.boolean({ error: 'expected true or false' }).optional(),
  }),
};

/**
 * The options of each kind's call that belong to the caller: replacing them
 * per entry would answer a different question (or a different number of
 * them) than the one asked.
 */
const CALL_ONLY: Record<Exclude<FallbackModelKind, 'language'>, readonly string[]> = {
  embedding: ['values'],
  image: ['prompt', 'n', 'files', 'mask'],
  speech: ['text'],
  transcription: ['audio', 'mediaType', 'timestampGranularities'],
  reranking: ['documents', 'query', 'topN'],
  video: ['prompt', 'n', 'image', 'frameImages', 'inputReferences'],
};

/** Why `key` cannot be an entry setting of `kind`, when it is one of the call's own options. */
export function kindCallOnlyMessage(kind: Exclude<DetectedKind, 'language'>, key: string): string | undefined {
  const own = kind === 'audio' ? [...CALL_ONLY.speech, ...CALL_ONLY.transcription] : CALL_ONLY[kind];
  return own.includes(key) || key === 'abortSignal'
    ? `'${key}' is the caller's: the chain does not let an entry replace it; set it in the call`
    : undefined;
}
