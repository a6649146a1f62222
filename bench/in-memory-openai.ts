import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';

/** The text every in-memory completion answers with. */
export const COMPLETION_TEXT = 'Hello back.';

const base = { id: 'chatcmpl-bench', created: 0, model: 'bench', system_fingerprint: 'fp_bench' };
const usage = { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 };

/** A chat completion as OpenAI's `/chat/completions` answers it, serialized once. */
const completionJson = JSON.stringify({
  ...base,
  object: 'chat.completion',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: COMPLETION_TEXT, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage,
});

const encoder = new TextEncoder();
const frame = (value: unknown) => encoder.encode(`data: ${JSON.stringify(value)}\n\n`);
const chunk = (delta: object, finishReason: string | null) =>
  frame({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });

/** The frames of a streamed completion, encoded once: what the wire carries. */
const frames = {
  first: chunk({ role: 'assistant', content: '', refusal: null }, null),
  delta: chunk({ content: 'x' }, null),
  finish: chunk({}, 'stop'),
  usage: frame({ ...base, object: 'chat.completion.chunk', choices: [], usage }),
  done: encoder.encode('data: [DONE]\n\n'),
};

/**
 * An SSE body of `deltas` one-character content chunks, one frame per read,
 * as tokens arrive from a real model (each its own network read). Frames are
 * enqueued on demand, so nothing is buffered ahead of the reader.
 */
function sseBody(deltas: number): ReadableStream<Uint8Array> {
  let sent = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < 0) controller.enqueue(frames.first);
      else if (sent < deltas) controller.enqueue(frames.delta);
      else {
        controller.enqueue(frames.finish);
        controller.enqueue(frames.usage);
        controller.enqueue(frames.done);
        controller.close();
      }
      sent++;
    },
  });
}

/**
 * A `fetch` that answers every request in memory, in OpenAI's chat wire
 * format, with no socket: a JSON completion, or an SSE stream of
 * `streamDeltas` text deltas when the request asks for a stream. The request
 * body is read (as undici would send it) only to tell the two apart.
 */
export function inMemoryOpenAIFetch({ streamDeltas = 5 }: { streamDeltas?: number } = {}): typeof fetch {
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    // `"stream":true` is all the provider adds for a stream; no need to parse the whole body for it.
    if (body.includes('"stream":true')) {
      return new Response(sseBody(streamDeltas), {
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      });
    }
    return new Response(completionJson, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

/**
 * The real `@ai-sdk/openai` chat model (`createOpenAI({ apiKey, fetch }).chat(id)`)
 * over {@link inMemoryOpenAIFetch}: everything a real call does but the network.
 */
export function inMemoryOpenAIModel(modelId: string, options: { streamDeltas?: number } = {}): LanguageModelV4 {
  return createOpenAI({ apiKey: 'bench', fetch: inMemoryOpenAIFetch(options) }).chat(modelId);
}
