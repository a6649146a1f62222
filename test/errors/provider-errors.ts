/**
 * Real error objects, produced by running the real provider packages against
 * canned HTTP responses (a custom `fetch`) or a local socket server, so the
 * tests see exactly what the mapper sees in production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];

type Fetch = typeof globalThis.fetch;

/** A fetch that answers every request with one canned response. */
export function respond(status: number, body: unknown, headers: Record<string, string> = {}): Fetch {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return async () => new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A fetch that answers with an SSE stream of the given `data:` events. */
export function respondSse(events: readonly unknown[]): Fetch {
  const text = events.map(event => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('');
  return async () => new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/** A fetch whose SSE body delivers the given events and then fails with `error`, as undici does when the socket closes. */
export function respondSseThenFail(events: readonly unknown[], error: unknown): Fetch {
  const encoder = new TextEncoder();
  return async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      },
      pull(controller) {
        controller.error(error);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

/** A fetch that throws what undici throws when the connection is reset. */
export function failWithConnectionReset(): Fetch {
  return async () => {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
  };
}

export const openai = (fetch?: Fetch, baseURL?: string) => createOpenAI({ apiKey: 'sk-test', fetch, baseURL });
export const azure = (fetch?: Fetch) => createAzure({ apiKey: 'azure-test', resourceName: 'test', fetch });
export const openrouter = (fetch?: Fetch, baseURL?: string) =>
  createOpenRouter({ apiKey: 'sk-or-test', fetch, baseURL });

/** Runs `doGenerate` and returns what it threw; fails when it did not throw. */
export async function generateError(model: LanguageModelV4, abortSignal?: AbortSignal): Promise<unknown> {
  try {
    await model.doGenerate({ prompt, abortSignal });
  } catch (error) {
    return error;
  }
  throw new Error(`${model.provider} doGenerate did not fail`);
}

/**
 * Runs `doStream` and returns the failure however the provider reports it:
 * thrown by `doStream`, thrown while reading the stream, or as the first
 * `error` part. Fails when there is none.
 */
export async function streamError(
  model: LanguageModelV4,
  options: { abortSignal?: AbortSignal; onPart?: (part: LanguageModelV4StreamPart) => void } = {},
): Promise<unknown> {
  let stream: ReadableStream<LanguageModelV4StreamPart>;
  try {
    ({ stream } = await model.doStream({ prompt, abortSignal: options.abortSignal }));
  } catch (error) {
    return error;
  }
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      options.onPart?.(next.value);
      if (next.value.type === 'error') return next.value.error;
    }
  } catch (error) {
    return error;
  } finally {
    reader.releaseLock();
  }
  throw new Error(`${model.provider} doStream did not fail`);
}

const unreachable: Fetch = async () => {
  throw new Error('the request should not have been sent');
};

/** Providers created without an API key; calling them must fail while loading the key. */
export const keyless = {
  openai: () => createOpenAI({ fetch: unreachable }),
  azure: () => createAzure({ resourceName: 'test', fetch: unreachable }),
  openrouter: () => createOpenRouter({ fetch: unreachable }),
};

/** Runs `produce` with the API key variables unset, so a keyless provider must fail to load a key. */
export async function withoutApiKeys<T>(produce: () => Promise<T>): Promise<T> {
  const names = ['OPENAI_API_KEY', 'AZURE_API_KEY', 'OPENROUTER_API_KEY'];
  const saved = names.map(name => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  try {
    return await produce();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Runs `use` against a real local HTTP server, so undici produces its own socket errors. */
export async function withServer<T>(handler: Handler, use: (baseURL: string) => Promise<T>): Promise<T> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handler(request, response));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  } finally {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
}

/** A base URL on which nothing listens: the port was just released. */
export async function refusedBaseURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}/v1`;
}

/** Starts an SSE answer with one text chunk, then leaves the socket to the caller. */
export function writeFirstChatChunk(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(`data: ${JSON.stringify(chatChunk('Hel'))}\n\n`);
}

/** A Chat Completions stream chunk carrying `content`. */
export function chatChunk(content: string) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }],
  };
}

/** An OpenAI-style error body. */
export function openaiErrorBody(message: string, type: string | null, code: string | number | null = null) {
  return { error: { message, type, param: null, code } };
}
