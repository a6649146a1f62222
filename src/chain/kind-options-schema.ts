import { z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import type { FallbackModelKind } from '../types';

const KINDS: readonly FallbackModelKind[] = [
  'language',
  'embedding',
  'image',
  'reranking',
  'speech',
  'transcription',
  'video',
];
// Plural and AI SDK spellings a user may reach for.
const RENAMED: Readonly<Record<string, FallbackModelKind>> = {
  embeddings: 'embedding',
  text: 'language',
  chat: 'language',
  rerank: 'reranking',
  tts: 'speech',
  stt: 'transcription',
};

/** The chain options about kinds of models (plugged into the one options schema). */
export const kindOptionsShape = {
  kind: z
    .enum(KINDS as [FallbackModelKind, ...FallbackModelKind[]], {
      error: issue =>
        `expected one of ${KINDS.map(kind => `'${kind}'`).join(', ')}${didYouMean(issue.input, KINDS, RENAMED)}`,
    })
    .optional(),
  allowMixedDimensions: z.boolean({ error: 'expected true or false' }).optional(),
};
