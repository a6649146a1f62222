import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeHandler } from './fake-handler';
import type { FakeRequest } from './fake-request';
import type { FakeScript } from './fake-step';
import { runWireActions, type WireSink } from './run-wire-actions';

/** Options for {@link startFakeProvider}. */
export interface StartFakeProviderOptions {
  /** Port on 127.0.0.1. Default: a free port. */
  port?: number;
  /** The initial script; see {@link FakeScript}. */
  script?: FakeScript;
  /** Pause between streamed tokens. Default 0. */
  tokenDelayMs?: number;
  /**
   * Let clients reuse connections. Default false: every response carries `connection: close`,
   * so once calls settle `openConnections()` drops to 0 and socket leaks are easy to assert.
   */
  keepAlive?: boolean;
}

/** A running fake provider server. See {@link startFakeProvider}. */
export interface FakeProvider {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** For `createOpenAI({ baseURL })`: `${url}/v1`. */
  openaiBaseURL: string;
  /**
   * For `createAzure({ baseURL })`: `${url}/openai`. Default (v1) URLs become
   * `/openai/chat/completions` and `/openai/responses`; with `useDeploymentBasedUrls: true`,
   * `/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}`.
   */
  azureBaseURL: string;
  /** For `createOpenRouter({ baseURL })`: `${url}/api/v1`. */
  openrouterBaseURL: string;
  /** Every request seen, in arrival order. Cleared in place by `reset()`. */
  requests: FakeRequest[];
  /** The requests for one model id (Azure: deployment name), in arrival order. */
  requestsFor(model: string): FakeRequest[];
  /** TCP connections currently open. */
  openConnections(): number;
  /** Resolves once no TCP connection is open (at once if none is). */
  whenIdle(): Promise<void>;
  /** Replaces the script and restarts every model's step sequence. */
  setScript(script: FakeScript): void;
  /** Clears `requests`, restarts every model's step sequence and request ids from 1. */
  reset(): void;
  /** Stops listening, ends every pending response and destroys every socket. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that speaks the OpenAI chat completions and Responses
 * wire formats as `@ai-sdk/openai`, `@ai-sdk/azure` and `@openrouter/ai-sdk-provider` expect
 * them (and OpenAI's embeddings, image generation, speech and transcription APIs), answering each request as its model's {@link FakeScript} says. Close it when done:
 * `close()` ends pending responses, so a test never leaves a socket or timer behind.
 *
 * @example
 * ```ts
 * const fake = await startFakeProvider({ script: { 'gpt-4o': [{ status: 429, retryAfter: 2 }, 'ok'] } });
 * const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' });
 * await generateText({ model: withFallback([openai.chat('gpt-4o'), ...]), prompt: 'hi', maxRetries: 0 });
 * expect(fake.requestsFor('gpt-4o').map(r => r.step)).toEqual(['status 429', 'ok']);
 * await fake.close();
 * ```
 */
export async function startFakeProvider(options: StartFakeProviderOptions = {}): Promise<FakeProvider> {
  const handler = new FakeHandler(options);
  const keepAlive = options.keepAlive ?? false;
  const sockets = new Set<Socket>();
  const pending = new Set<AbortController>();
  let idleWaiters: (() => void)[] = [];

  const server = createServer((req, res) => {
    // A bug in the fake must fail the one call, not crash the test run with an unhandled rejection.
    serve(req, res).catch(() => res.destroy());
  });

  server.on('connection', socket => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
  });
  // Malformed requests and resets from clients are part of the tests, not server failures.
  server.on('clientError', (_error, socket) => socket.destroy());

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    pending.add(controller);
    let request: FakeRequest | undefined;
    let settled = false;

    res.once('close', () => {
      if (!settled && request != null) request.aborted = true;
      pending.delete(controller);
      controller.abort();
    });

    const bodyText = await readBody(req);
    if (bodyText == null || controller.signal.aborted) return;

    const handled = handler.handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: flattenHeaders(req.headers),
      bodyText,
    });
    request = handled.request;

    const settle = () => {
      settled = true;
    };
    const sink: WireSink = {
      reset() {
        settle();
        req.socket.resetAndDestroy();
      },
      head(status, headers) {
        res.writeHead(status, { ...headers, connection: keepAlive ? 'keep-alive' : 'close' });
        // Streams must show their headers before the first event, as real providers do.
        res.flushHeaders();
      },
      write(data) {
        return new Promise(resolve => {
          res.write(data, () => resolve());
        });
      },
      cut() {
        settle();
        req.socket.destroy();
      },
      end() {
        settle();
        res.end();
      },
    };

    await runWireActions(handled.actions, sink, controller.signal);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  const whenIdle = () =>
    sockets.size === 0 ? Promise.resolve() : new Promise<void>(resolve => idleWaiters.push(resolve));

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    azureBaseURL: `${url}/openai`,
    openrouterBaseURL: `${url}/api/v1`,
    requests: handler.requests,
    requestsFor: model => handler.requestsFor(model),
    openConnections: () => sockets.size,
    whenIdle,
    setScript: script => handler.setScript(script),
    reset: () => handler.reset(),
    close() {
      closing ??= (async () => {
        for (const controller of pending) controller.abort();
        const stopped = new Promise<void>(resolve => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        // The server reports closed before the sockets' own close events, which openConnections() counts.
        await Promise.all([stopped, whenIdle()]);
      })();
      return closing;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch {
    return undefined;
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value != null) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
