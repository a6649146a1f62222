import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../src/errors/classify-error';
import { FallbackEmptyResponseError } from '../../src/errors/empty-response-error';
import { FallbackTimeoutError } from '../../src/errors/fallback-timeout-error';
import { FallbackResultError } from '../../src/errors/result-error';
import { CLASSIFIED_ERROR_TYPES, type FallbackErrorType } from '../../src/types/error-type';
import {
  azure,
  chatChunk,
  failWithConnectionReset,
  generateError,
  keyless,
  openai,
  openaiErrorBody,
  openrouter,
  refusedBaseURL,
  respond,
  respondSse,
  respondSseThenFail,
  streamError,
  withoutApiKeys,
  withServer,
  writeFirstChatChunk,
} from './provider-errors';

interface Row {
  label: string;
  produce: () => Promise<unknown> | unknown;
  type: Exclude<FallbackErrorType, 'all'>;
}

const undiciSocketClosed = () =>
  new TypeError('terminated', {
    cause: Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' }),
  });

const rows: Row[] = [
  // timeout
  {
    label: 'our FallbackTimeoutError',
    type: 'timeout',
    produce: () => new FallbackTimeoutError({ kind: 'request', timeoutMs: 10 }),
  },
  {
    label: 'FallbackTimeoutError as abort reason before the response (OpenRouter passes it through)',
    type: 'timeout',
    produce: () =>
      withServer(
        () => {},
        baseURL =>
          generateError(
            openrouter(undefined, baseURL)('x/y'),
            abortSoon(new FallbackTimeoutError({ kind: 'request', timeoutMs: 20 })),
          ),
      ),
  },
  {
    label: 'FallbackTimeoutError as abort reason mid-body (OpenAI wraps it: "Failed to process successful response")',
    type: 'timeout',
    produce: () =>
      withServer(writeFirstChatChunk, baseURL => {
        const controller = new AbortController();
        return streamError(openai(undefined, baseURL).chat('gpt-4o'), {
          abortSignal: controller.signal,
          onPart: part => {
            if (part.type === 'text-delta')
              controller.abort(new FallbackTimeoutError({ kind: 'chunk-idle', timeoutMs: 5 }));
          },
        });
      }),
  },
  {
    label: 'TimeoutError DOMException from AbortSignal.timeout (real fetch)',
    type: 'timeout',
    produce: () =>
      withServer(
        () => {},
        baseURL => generateError(openai(undefined, baseURL).chat('gpt-4o'), AbortSignal.timeout(30)),
      ),
  },
  {
    label: 'OpenAI 408',
    type: 'timeout',
    produce: () => generateError(openai(respond(408, openaiErrorBody('Request timed out.', 'timeout'))).chat('gpt-4o')),
  },
  {
    label: 'OpenRouter 504',
    type: 'timeout',
    produce: () => generateError(openrouter(respond(504, { error: { code: 504, message: 'Gateway Timeout' } }))('x/y')),
  },

  // quota-exceeded
  {
    label: 'OpenAI 429 insufficient_quota',
    type: 'quota-exceeded',
    produce: () =>
      generateError(
        openai(
          respond(
            429,
            openaiErrorBody(
              'You exceeded your current quota, please check your plan and billing details.',
              'insufficient_quota',
              'insufficient_quota',
            ),
          ),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'OpenAI Responses stream: response.failed insufficient_quota before output (thrown, synthesized 429)',
    type: 'quota-exceeded',
    produce: () =>
      streamError(
        openai(
          respondSse([
            {
              type: 'response.failed',
              sequence_number: 1,
              response: { error: { code: 'insufficient_quota', message: 'You exceeded your current quota.' } },
            },
          ]),
        )('gpt-4o'),
      ),
  },
  {
    label: 'OpenRouter 402 insufficient credits',
    type: 'quota-exceeded',
    produce: () =>
      generateError(
        openrouter(
          respond(402, {
            error: { code: 402, message: 'Insufficient credits. Add more using https://openrouter.ai/credits' },
          }),
        )('x/y'),
      ),
  },
  {
    label: 'OpenRouter 429 free-models-per-day (a daily cap, backing off cannot help)',
    type: 'quota-exceeded',
    produce: () =>
      generateError(
        openrouter(
          respond(429, {
            error: {
              code: 429,
              message:
                'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day',
              metadata: {
                headers: {
                  'X-RateLimit-Limit': '50',
                  'X-RateLimit-Remaining': '0',
                  'X-RateLimit-Reset': '1788220800000',
                },
              },
            },
          }),
        )('x/y'),
      ),
  },

  // rate-limit
  {
    label: 'OpenAI 429 rate_limit_exceeded',
    type: 'rate-limit',
    produce: () =>
      generateError(
        openai(
          respond(
            429,
            openaiErrorBody('Rate limit reached for gpt-4o on tokens per min (TPM).', 'tokens', 'rate_limit_exceeded'),
            { 'retry-after': '2' },
          ),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'Azure 429 token rate limit (string code "429")',
    type: 'rate-limit',
    produce: () =>
      generateError(
        azure(
          respond(
            429,
            {
              error: {
                code: '429',
                message:
                  'Requests to the ChatCompletions_Create Operation have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 2 seconds.',
              },
            },
            { 'retry-after': '2' },
          ),
        )('deployment'),
      ),
  },
  {
    label: 'OpenRouter 429 per-minute limit',
    type: 'rate-limit',
    produce: () =>
      generateError(
        openrouter(
          respond(429, {
            error: {
              code: 429,
              message: 'Rate limit exceeded: limit_rpm/x/y. Please retry shortly.',
              metadata: { headers: { 'X-RateLimit-Reset': '1788220800000' } },
            },
          }),
        )('x/y'),
      ),
  },
  {
    label: 'OpenRouter stream error part with numeric code 429 (plain object)',
    type: 'rate-limit',
    produce: () =>
      streamError(openrouter(respondSse([{ error: { code: 429, message: 'Rate limit exceeded' } }, '[DONE]']))('x/y')),
  },
  {
    label: 'OpenAI Responses stream: error event rate_limit_exceeded before output (thrown)',
    type: 'rate-limit',
    produce: () =>
      streamError(
        openai(
          respondSse([
            {
              type: 'error',
              sequence_number: 0,
              code: 'rate_limit_exceeded',
              message: 'Rate limit reached',
              param: null,
            },
          ]),
        )('gpt-4o'),
      ),
  },

  // auth
  {
    label: 'OpenAI 401 invalid_api_key',
    type: 'auth',
    produce: () =>
      generateError(
        openai(
          respond(
            401,
            openaiErrorBody(
              'Incorrect API key provided: sk-proj-****abcd.',
              'invalid_request_error',
              'invalid_api_key',
            ),
          ),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'Azure 401 invalid subscription key',
    type: 'auth',
    produce: () =>
      generateError(
        azure(
          respond(401, {
            error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' },
          }),
        )('deployment'),
      ),
  },
  {
    label: 'Azure 403 (own copy of @ai-sdk/provider)',
    type: 'auth',
    produce: () =>
      generateError(
        azure(
          respond(403, {
            error: { code: 'PermissionDenied', message: 'Principal does not have access to API/Operation.' },
          }),
        )('deployment'),
      ),
  },
  {
    label: 'OpenRouter 401',
    type: 'auth',
    produce: () =>
      generateError(openrouter(respond(401, { error: { code: 401, message: 'No auth credentials found' } }))('x/y')),
  },
  {
    label: 'OpenAI LoadAPIKeyError',
    type: 'auth',
    produce: () => withoutApiKeys(() => generateError(keyless.openai().chat('gpt-4o'))),
  },
  {
    label: 'Azure LoadAPIKeyError',
    type: 'auth',
    produce: () => withoutApiKeys(() => generateError(keyless.azure()('deployment'))),
  },
  {
    label: 'OpenRouter LoadAPIKeyError (bundled copy of the class)',
    type: 'auth',
    produce: () => withoutApiKeys(() => generateError(keyless.openrouter()('x/y'))),
  },

  // provider-unavailable
  {
    label: 'OpenAI 500 server_error',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openai(
          respond(500, openaiErrorBody('The server had an error while processing your request.', 'server_error')),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'OpenAI 502 HTML from a gateway',
    type: 'provider-unavailable',
    produce: () =>
      generateError(openai(respond(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' })).chat('gpt-4o')),
  },
  {
    label: 'OpenAI 503 empty body',
    type: 'provider-unavailable',
    produce: () => generateError(openai(respond(503, '')).chat('gpt-4o')),
  },
  {
    label: '529 overloaded_error through the OpenAI provider',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openai(respond(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).chat(
          'gpt-4o',
        ),
      ),
  },
  {
    label: 'OpenRouter 502 "Provider returned error"',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openrouter(
          respond(502, {
            error: {
              code: 502,
              message: 'Provider returned error',
              metadata: { raw: 'upstream boom', provider_name: 'Foo' },
            },
          }),
        )('x/y'),
      ),
  },
  {
    label: 'OpenRouter HTTP 200 with an error body (statusCode 200, code 502 in data)',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openrouter(
          respond(200, {
            error: {
              code: 502,
              message: 'Provider returned error',
              metadata: { raw: 'upstream boom', provider_name: 'Foo' },
            },
            user_id: 'u',
          }),
        )('x/y'),
      ),
  },
  {
    label: 'OpenRouter mid-stream error part { code: "server_error" } after text',
    type: 'provider-unavailable',
    produce: () =>
      streamError(
        openrouter(
          respondSse([
            chatChunk('Hel'),
            {
              ...chatChunk(''),
              error: { code: 'server_error', message: 'Provider disconnected unexpectedly' },
              choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
            },
            '[DONE]',
          ]),
        )('x/y'),
      ),
  },
  {
    label: 'OpenAI Chat in-stream error chunk after output (providerStreamError object, synthesized statusCode 500)',
    type: 'provider-unavailable',
    produce: () =>
      streamError(
        openai(
          respondSse([
            chatChunk('The'),
            { error: { message: 'The server had an error while processing your request.', type: 'server_error' } },
          ]),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'OpenAI Chat error chunk before output (thrown APICallError)',
    type: 'provider-unavailable',
    produce: () =>
      streamError(
        openai(respondSse([{ error: { message: 'The model is overloaded.', type: 'server_error', code: null } }])).chat(
          'gpt-4o',
        ),
      ),
  },
  {
    label: 'OpenAI Responses response.failed server_error before output (thrown)',
    type: 'provider-unavailable',
    produce: () =>
      streamError(
        openai(
          respondSse([
            {
              type: 'response.failed',
              sequence_number: 1,
              response: { error: { code: 'server_error', message: 'The model failed' } },
            },
          ]),
        )('gpt-4o'),
      ),
  },
  {
    label: 'OpenAI Responses doGenerate with response.error (synthesized 400; responseBody is an object, not a string)',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openai(
          respond(200, {
            id: 'resp_1',
            created_at: 1,
            model: 'gpt-4o',
            status: 'failed',
            output: [],
            error: { type: 'server_error', code: 'server_error', message: 'Something went wrong' },
            incomplete_details: null,
            usage: null,
          }),
        )('gpt-4o'),
      ),
  },
  {
    label:
      'OpenAI Responses doGenerate with a response.error lacking `type` (the SDK schema rejects it: 200 Invalid JSON response)',
    type: 'provider-unavailable',
    produce: () =>
      generateError(
        openai(
          respond(200, {
            id: 'resp_1',
            created_at: 1,
            model: 'gpt-4o',
            status: 'failed',
            output: [],
            error: { code: 'server_error', message: 'Something went wrong' },
            incomplete_details: null,
            usage: null,
          }),
        )('gpt-4o'),
      ),
  },

  // network
  {
    label: 'connection refused (real undici, "Cannot connect to API")',
    type: 'network',
    produce: async () => generateError(openai(undefined, await refusedBaseURL()).chat('gpt-4o')),
  },
  {
    label: 'fetch failed with ECONNRESET cause (OpenRouter)',
    type: 'network',
    produce: () => generateError(openrouter(failWithConnectionReset())('x/y')),
  },
  {
    label: 'fetch failed with ECONNRESET cause (Azure)',
    type: 'network',
    produce: () => generateError(azure(failWithConnectionReset())('deployment')),
  },
  {
    label: 'socket closed mid-stream (real server; OpenAI errors the stream)',
    type: 'network',
    produce: () =>
      withServer(
        (_, response) => {
          writeFirstChatChunk(_, response);
          setTimeout(() => response.socket?.destroy(), 10);
        },
        baseURL => streamError(openai(undefined, baseURL).chat('gpt-4o')),
      ),
  },
  {
    label: 'socket closed mid-stream (real server; OpenRouter emits an error part)',
    type: 'network',
    produce: () =>
      withServer(
        (_, response) => {
          writeFirstChatChunk(_, response);
          setTimeout(() => response.socket?.destroy(), 10);
        },
        baseURL => streamError(openrouter(undefined, baseURL)('x/y')),
      ),
  },
  {
    label: 'socket closed mid-body of a JSON answer (real server, doGenerate)',
    type: 'network',
    produce: () =>
      withServer(
        (_, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          response.write('{"id":"chatcmpl-1",');
          setTimeout(() => response.socket?.destroy(), 10);
        },
        baseURL => generateError(openai(undefined, baseURL).chat('gpt-4o')),
      ),
  },
  {
    label: 'body stream failing like undici mid-way (custom fetch, OpenAI)',
    type: 'network',
    produce: () => streamError(openai(respondSseThenFail([chatChunk('Hel')], undiciSocketClosed())).chat('gpt-4o')),
  },
  {
    label: 'body stream failing with a bare error mid-way (OpenRouter)',
    type: 'network',
    produce: () => streamError(openrouter(respondSseThenFail([chatChunk('Hel')], new Error('boom')))('x/y')),
  },
  {
    label: 'AbortError DOMException (real fetch, pre-aborted signal)',
    type: 'network',
    produce: () => generateError(openai(undefined, 'http://127.0.0.1:1/v1').chat('gpt-4o'), AbortSignal.abort()),
  },

  // context-length
  {
    label: 'OpenAI 400 context_length_exceeded',
    type: 'context-length',
    produce: () =>
      generateError(
        openai(
          respond(
            400,
            openaiErrorBody(
              "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.",
              'invalid_request_error',
              'context_length_exceeded',
            ),
          ),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'Azure 400 context_length_exceeded',
    type: 'context-length',
    produce: () =>
      generateError(
        azure(
          respond(400, {
            error: {
              code: 'context_length_exceeded',
              message: 'Your input exceeds the context window of this model.',
              param: 'input',
            },
          }),
        )('deployment'),
      ),
  },
  {
    label: 'OpenRouter 400 "Provider returned error" with the upstream wording in metadata.raw',
    type: 'context-length',
    produce: () =>
      generateError(
        openrouter(
          respond(400, {
            error: {
              code: 400,
              message: 'Provider returned error',
              metadata: {
                provider_name: 'Anthropic',
                raw: '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}',
              },
            },
          }),
        )('x/y'),
      ),
  },

  {
    label: 'OpenRouter stream error part with the upstream wording only in metadata.raw',
    type: 'context-length',
    produce: () =>
      streamError(
        openrouter(
          respondSse([
            {
              error: {
                code: 400,
                message: 'Provider returned error',
                metadata: {
                  provider_name: 'OpenAI',
                  raw: { error: { message: "This model's maximum context length is 128000 tokens." } },
                },
              },
            },
            '[DONE]',
          ]),
        )('x/y'),
      ),
  },

  // content-filter
  {
    label: 'Azure 400 content_filter (innererror only in the raw body)',
    type: 'content-filter',
    produce: () =>
      generateError(
        azure(
          respond(400, {
            error: {
              code: 'content_filter',
              message:
                "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
              param: 'prompt',
              status: 400,
              innererror: { code: 'ResponsibleAIPolicyViolation' },
            },
          }),
        )('deployment'),
      ),
  },
  {
    label: 'OpenAI 400 content_policy_violation',
    type: 'content-filter',
    produce: () =>
      generateError(
        openai(
          respond(
            400,
            openaiErrorBody(
              'Your request was rejected as a result of our safety system.',
              'invalid_request_error',
              'content_policy_violation',
            ),
          ),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'OpenRouter 403 moderation flag (not a credential problem)',
    type: 'content-filter',
    produce: () =>
      generateError(
        openrouter(
          respond(403, {
            error: {
              code: 403,
              message: 'openai/gpt-4o requires moderation on OpenRouter. Your input was flagged for "harassment".',
              metadata: {
                reasons: ['harassment'],
                flagged_input: 'hi',
                provider_name: 'OpenAI',
                model_slug: 'openai/gpt-4o',
              },
            },
          }),
        )('x/y'),
      ),
  },

  // bad-request
  {
    label: 'OpenAI 400 invalid parameter',
    type: 'bad-request',
    produce: () =>
      generateError(
        openai(
          respond(400, openaiErrorBody("Invalid value for 'temperature'.", 'invalid_request_error', 'invalid_value')),
        ).chat('gpt-4o'),
      ),
  },
  {
    label: 'OpenAI 404 model_not_found',
    type: 'bad-request',
    produce: () =>
      generateError(
        openai(
          respond(
            404,
            openaiErrorBody('The model `gpt-9` does not exist.', 'invalid_request_error', 'model_not_found'),
          ),
        ).chat('gpt-9'),
      ),
  },
  {
    label: 'OpenRouter 400 stream part with numeric code',
    type: 'bad-request',
    produce: () =>
      streamError(openrouter(respondSse([{ error: { code: 400, message: 'Invalid tool schema' } }, '[DONE]']))('x/y')),
  },

  // the provider sent garbage
  {
    label: 'OpenAI 200 with a non-JSON body (JSONParseError cause)',
    type: 'provider-unavailable',
    produce: () => generateError(openai(respond(200, '<html>oops</html>')).chat('gpt-4o')),
  },
  {
    label: 'OpenAI 200 with the wrong shape (TypeValidationError cause)',
    type: 'provider-unavailable',
    produce: () => generateError(openai(respond(200, { foo: 1 })).chat('gpt-4o')),
  },
  {
    label: 'OpenAI malformed SSE chunk (JSONParseError part)',
    type: 'provider-unavailable',
    produce: () => streamError(openai(respondSse(['{not json'])).chat('gpt-4o')),
  },
  {
    label: 'OpenRouter malformed SSE chunk (JSONParseError part)',
    type: 'provider-unavailable',
    produce: () => streamError(openrouter(respondSse(['{not json']))('x/y')),
  },

  // empty answers, as the commit gate and the result check report them
  {
    label: 'an answer with no output (finish stop)',
    type: 'empty-response',
    produce: () => new FallbackEmptyResponseError({ finishReason: 'stop' }),
  },
  {
    label: 'an answer with no output (finish error)',
    type: 'empty-response',
    produce: () => new FallbackEmptyResponseError({ finishReason: 'error' }),
  },
  {
    label: 'an answer a content filter emptied',
    type: 'content-filter',
    produce: () => new FallbackEmptyResponseError({ finishReason: 'content-filter' }),
  },

  // answers a result check rejected: the check's type
  {
    label: 'an answer a filter stopped after some output',
    type: 'content-filter',
    produce: () =>
      new FallbackResultError({
        type: 'content-filter',
        finishReason: 'content-filter',
        reason: 'finish reason content-filter',
      }),
  },
  {
    label: 'an answer that is not the JSON asked for',
    type: 'invalid-output',
    produce: () =>
      new FallbackResultError({ type: 'invalid-output', finishReason: 'stop', reason: 'invalid JSON at position 3' }),
  },
  {
    label: 'an answer checkResult made a rate limit',
    type: 'rate-limit',
    produce: () =>
      new FallbackResultError({
        type: 'rate-limit',
        finishReason: 'stop',
        reason: "checkResult returned 'rate-limit'",
      }),
  },

  // unknown
  { label: 'plain Error', type: 'provider-unavailable', produce: () => new Error('something odd happened') },
  { label: 'a thrown string', type: 'provider-unavailable', produce: () => 'boom' },
  { label: 'undefined', type: 'provider-unavailable', produce: () => undefined },
  { label: 'empty object', type: 'provider-unavailable', produce: () => ({}) },
];

function abortSoon(reason: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), 20);
  return controller.signal;
}

describe('classifyError on errors produced by the real providers', () => {
  it.each(rows)('$label → $type', async ({ produce, type }) => {
    expect(classifyError(await produce())).toBe(type);
  });

  it('covers every classified type', () => {
    expect(new Set(rows.map(row => row.type))).toEqual(new Set(CLASSIFIED_ERROR_TYPES));
  });
});

/** Rows for shapes no provider package produces on its own, built with the SDK's own classes or as plain objects. */
describe('classifyError on constructed errors', () => {
  const cyclic = Object.assign(new Error('outer'), { cause: undefined as unknown });
  const inner = Object.assign(new Error('inner'), { cause: cyclic });
  cyclic.cause = inner;
  const cyclicWithReset = Object.assign(new Error('outer'), { cause: undefined as unknown });
  cyclicWithReset.cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', cause: cyclicWithReset });

  it.each<{ label: string; error: unknown; type: Exclude<FallbackErrorType, 'all'> }>([
    // APICallError as provider-utils builds it for a 2xx whose body the provider could not process without a socket error.
    {
      label: 'Failed to process successful response, bare cause',
      error: new APICallError({
        message: 'Failed to process successful response',
        url: 'u',
        requestBodyValues: {},
        statusCode: 200,
        cause: new Error('x'),
      }),
      type: 'network',
    },
    { label: 'a cause cycle without a network code ends', error: cyclic, type: 'provider-unavailable' },
    { label: 'a cause cycle with ECONNRESET', error: cyclicWithReset, type: 'network' },
    {
      label: 'UND_ERR_HEADERS_TIMEOUT cause',
      error: new TypeError('fetch failed', {
        cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
      }),
      type: 'network',
    },
    {
      label: 'AggregateError of refused connects',
      error: new AggregateError(
        [Object.assign(new Error('connect ECONNREFUSED ::1:443'), { code: 'ECONNREFUSED' })],
        '',
      ),
      type: 'network',
    },
    { label: 'TypeError fetch failed without cause', error: new TypeError('fetch failed'), type: 'network' },
    {
      label: 'Next.js ResponseAborted',
      error: Object.assign(new Error('aborted'), { name: 'ResponseAborted' }),
      type: 'network',
    },
    {
      label: 'plain { code: 503 }',
      error: { code: 503, message: 'Service Unavailable' },
      type: 'provider-unavailable',
    },
    { label: 'plain { status: 429 }', error: { status: 429, message: 'slow down' }, type: 'rate-limit' },
    { label: 'plain { statusCode: 401 }', error: { statusCode: 401, message: 'nope' }, type: 'auth' },
    {
      label: 'plain { code: "overloaded" } without status',
      error: { code: 'overloaded', message: 'Overloaded' },
      type: 'provider-unavailable',
    },
    {
      label: 'plain insufficient_quota without status',
      error: { error: { type: 'insufficient_quota', message: 'You exceeded your current quota' } },
      type: 'quota-exceeded',
    },
    {
      label: 'plain context_length_exceeded without status',
      error: { code: 'context_length_exceeded', message: 'too long' },
      type: 'context-length',
    },
    {
      label: 'plain content_filter without status',
      error: { code: 'content_filter', message: 'filtered' },
      type: 'content-filter',
    },
    { label: 'nested string status "408"', error: { error: { code: '408', message: 'timed out' } }, type: 'timeout' },
    // A completion body that happens to mention quotas must not turn a 200 into quota-exceeded.
    {
      label: '2xx body wording is ignored',
      error: new APICallError({
        message: 'Invalid JSON response',
        url: 'u',
        requestBodyValues: {},
        statusCode: 200,
        responseBody: '{"text":"your billing quota exceeded"}',
      }),
      type: 'provider-unavailable',
    },
  ])('$label → $type', ({ error, type }) => {
    expect(classifyError(error)).toBe(type);
  });

  it('never throws, even on an object whose every property access throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        has: () => {
          throw new Error('trap');
        },
      },
    );
    expect(classifyError(hostile)).toBe('provider-unavailable');
  });
});
