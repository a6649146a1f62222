import type { FakeApi, FakeRequest } from './fake-request';

/** The size of a fake embedding when the request asks for none. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 8;

/**
 * The vector a fake embedding model gives for `text`: deterministic per model
 * and text, so a test can tell which model embedded which value, in which
 * order, from the numbers alone.
 */
export function canonicalEmbedding(model: string, text: string, dimensions = DEFAULT_EMBEDDING_DIMENSIONS): number[] {
  let seed = 2166136261;
  for (const char of `${model}\u0000${text}`) seed = Math.imul(seed ^ char.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: dimensions }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.round((seed / 2 ** 32) * 2e4 - 1e4) / 1e4;
  });
}

/** What a fake speech model says: bytes that name the model, so a test can tell who spoke. */
export function canonicalSpeech(model: string): string {
  return `FAKE-AUDIO ${model}`;
}

/** A 1×1 transparent PNG: what every fake image model draws (`revised_prompt` names the model). */
export const FAKE_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** A successful body of one media API: its bytes and content type. */
export interface MediaBody {
  data: string;
  contentType: string;
}

type MediaApi = Extract<FakeApi, 'embeddings' | 'images' | 'speech' | 'transcriptions'>;

/**
 * The successful answers of OpenAI's embeddings, image generation, speech and
 * transcription APIs, as `@ai-sdk/openai` (2.x to 4.x) parses them.
 */
const MEDIA: Record<MediaApi, (request: FakeRequest, text: string) => MediaBody> = {
  embeddings(request) {
    const input: unknown = request.body?.input;
    const values = (Array.isArray(input) ? input : [input]).map(String);
    const dimensions = Number(request.body?.dimensions) || DEFAULT_EMBEDDING_DIMENSIONS;
    const tokens = values.reduce((sum, value) => sum + Math.max(1, Math.ceil(value.length / 4)), 0);
    return json({
      object: 'list',
      data: values.map((value, index) => ({
        object: 'embedding',
        index,
        embedding: canonicalEmbedding(request.model, value, dimensions),
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  },
  images(request) {
    const count = Number(request.body?.n) || 1;
    return json({
      created: Math.floor(request.startedAt / 1000),
      data: Array.from({ length: count }, () => ({
        b64_json: FAKE_PNG_BASE64,
        revised_prompt: `Drawn by ${request.model}`,
      })),
    });
  },
  speech: request => ({ data: canonicalSpeech(request.model), contentType: 'audio/mpeg' }),
  transcriptions: (_request, text) => json({ text, language: 'english', duration: 2.5 }),
};

/** The answer of a media API request, or `undefined` for the chat and Responses APIs. */
export function mediaBody(request: FakeRequest, text: string): MediaBody | undefined {
  return Object.hasOwn(MEDIA, request.api) ? MEDIA[request.api as MediaApi](request, text) : undefined;
}

function json(value: unknown): MediaBody {
  return { data: JSON.stringify(value), contentType: 'application/json' };
}
