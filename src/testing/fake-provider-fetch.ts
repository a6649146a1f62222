import { FakeHandler } from './fake-handler';
import type { FakeRequest } from './fake-request';
import type { FakeScript } from './fake-step';
import { httpStatusText } from './http-status-text';
import { runWireActions, type WireSink } from './run-wire-actions';
import type { WireAction } from './wire-action';

/** A `fetch` that answers like the fake provider server, plus the requests it saw. */
export type FakeProviderFetch = typeof fetch & {
  /** Every request seen, in arrival order. */
  requests: FakeRequest[];
};

/**
 * The fake provider without a port: pass it as `fetch` to `createOpenAI`, `createAzure` or
 * `createOpenRouter`. Their default base URLs work as they are (`https://api.openai.com/v1`,
 * `https://openrouter.ai/api/v1`, an Azure `resourceName`): the provider is told apart by the
 * URL path (`/v1/`, `/api/v1/`, `/openai/`), like on the server.
 *
 * Failures mimic Node's fetch (undici): `'reset'` rejects with `TypeError('fetch failed')`
 * caused by an `ECONNRESET` error; `'hang'` settles only when the request's signal aborts
 * (rejecting with its reason); a cut errors the body stream with `TypeError('terminated')`
 * (its cause an `HTTPParserError` for streams, `UND_ERR_RES_CONTENT_LENGTH_MISMATCH` for JSON).
 *
 * @example
 * ```ts
 * const fetch = fakeProviderFetch({ 'gpt-4o': 'quota' });
 * const openai = createOpenAI({ apiKey: 'test', fetch });
 * await generateText({ model: openai.chat('gpt-4o'), prompt: 'hi', maxRetries: 0 }); // rejects: 429 insufficient_quota
 * fetch.requests; // [{ model: 'gpt-4o', step: 'quota', ... }]
 * ```
 */
export function fakeProviderFetch(script: FakeScript, options: { tokenDelayMs?: number } = {}): FakeProviderFetch {
  const handler = new FakeHandler({ script, tokenDelayMs: options.tokenDelayMs });

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const inputRequest = input instanceof Request ? input : undefined;
    const url = new URL(inputRequest?.url ?? String(input), 'http://fake.invalid');
    const signal = init?.signal ?? inputRequest?.signal ?? undefined;
    const bodyText =
      init?.body != null ? await new Response(init.body).text() : inputRequest != null ? await inputRequest.text() : '';

    if (signal?.aborted) throw signal.reason;

    const { request, actions } = handler.handle({
      method: (init?.method ?? inputRequest?.method ?? 'GET').toUpperCase(),
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers ?? inputRequest?.headers)),
      bodyText,
    });
    return respond(actions, request, signal);
  };

  return Object.assign(fakeFetch, { requests: handler.requests });
}

function respond(
  actions: readonly WireAction[],
  request: FakeRequest,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const run = new AbortController();
    const encoder = new TextEncoder();
    let body: ReadableStreamDefaultController<Uint8Array> | undefined;
    let hasContentLength = false;
    let deferredFailure: { error: unknown } | undefined;
    let finished = false;

    const finish = () => {
      finished = true;
      signal?.removeEventListener('abort', onClientAbort);
    };
    const clientGone = () => {
      if (!finished) request.aborted = true;
      finish();
      run.abort();
    };
    function onClientAbort() {
      const reason = signal?.reason;
      const wasBody = body;
      clientGone();
      // Like undici: before headers the fetch rejects, afterwards the body errors.
      if (wasBody != null) wasBody.error(reason);
      else reject(reason);
    }
    signal?.addEventListener('abort', onClientAbort, { once: true });

    const sink: WireSink = {
      reset() {
        finish();
        reject(connectionResetError());
      },
      head(status, headers) {
        hasContentLength = Object.keys(headers).some(name => name.toLowerCase() === 'content-length');
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            body = controller;
          },
          pull(controller) {
            if (deferredFailure != null) controller.error(deferredFailure.error);
          },
          cancel: clientGone,
        });
        resolve(new Response(stream, { status, statusText: httpStatusText(status), headers }));
      },
      write(data) {
        body?.enqueue(encoder.encode(data));
      },
      cut() {
        finish();
        const error = connectionClosedMidBodyError(hasContentLength);
        // error() drops queued chunks, but a real socket delivers what was sent before the
        // cut: fail only once the reader has drained the queue (pull runs when it is empty).
        if (body != null && (body.desiredSize ?? 0) > 0) body.error(error);
        else deferredFailure = { error };
      },
      end() {
        finish();
        body?.close();
      },
    };

    void runWireActions(actions, sink, run.signal);
  });
}

/** What undici rejects with when the server resets the connection before responding. */
function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), {
    code: 'ECONNRESET',
    errno: -104,
    syscall: 'read',
  });
  return new TypeError('fetch failed', { cause });
}

/**
 * What undici errors a response body with when the server closes the socket mid-body:
 * the cause depends on whether the body was chunked (streams) or had a content-length (JSON).
 */
function connectionClosedMidBodyError(hasContentLength: boolean): TypeError {
  const cause = hasContentLength
    ? Object.assign(new Error('Response body length does not match content-length header'), {
        name: 'ResponseContentLengthMismatchError',
        code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
      })
    : Object.assign(new Error('Response does not match the HTTP/1.1 protocol (Invalid EOF state)'), {
        name: 'HTTPParserError',
      });
  return new TypeError('terminated', { cause });
}
