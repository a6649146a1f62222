import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors/describe';
import { getStatusCode } from '../../src/errors/facts';
import { redactSecrets } from '../../src/errors/redact';
import {
  azure,
  chatChunk,
  failWithConnectionReset,
  generateError,
  openai,
  openaiErrorBody,
  openrouter,
  respond,
  respondSse,
  respondSseThenFail,
  streamError,
} from './provider-errors';

const socketClosed = () =>
  new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

describe('getStatusCode', () => {
  it.each<{ label: string; produce: () => Promise<unknown> | unknown; expected: number | undefined }>([
    {
      label: 'OpenAI APICallError',
      produce: () =>
        generateError(openai(respond(429, openaiErrorBody('slow', 'requests', 'rate_limit_exceeded'))).chat('gpt-4o')),
      expected: 429,
    },
    {
      label: 'Azure APICallError (own copy of the class)',
      produce: () => generateError(azure(respond(503, { error: { code: '503', message: 'busy' } }))('deployment')),
      expected: 503,
    },
    {
      label: 'OpenRouter HTTP 200 whose body says 502',
      produce: () =>
        generateError(openrouter(respond(200, { error: { code: 502, message: 'Provider returned error' } }))('x/y')),
      expected: 502,
    },
    {
      label: 'OpenRouter stream part { code: 429 }',
      produce: () =>
        streamError(
          openrouter(respondSse([{ error: { code: 429, message: 'Rate limit exceeded' } }, '[DONE]']))('x/y'),
        ),
      expected: 429,
    },
    {
      label: 'OpenRouter stream part { code: "server_error" }',
      produce: () =>
        streamError(
          openrouter(respondSse([{ error: { code: 'server_error', message: 'Provider disconnected' } }, '[DONE]']))(
            'x/y',
          ),
        ),
      expected: undefined,
    },
    {
      label: 'OpenAI in-stream error object (statusCode the SDK synthesized)',
      produce: () =>
        streamError(
          openai(respondSse([chatChunk('The'), { error: { message: 'boom', type: 'server_error' } }])).chat('gpt-4o'),
        ),
      expected: 500,
    },
    {
      label: 'connection failure has no status',
      produce: () => generateError(openai(failWithConnectionReset()).chat('gpt-4o')),
      expected: undefined,
    },
    {
      label: 'body cut mid-way keeps the 200',
      produce: () => streamError(openai(respondSseThenFail([chatChunk('Hel')], socketClosed())).chat('gpt-4o')),
      expected: 200,
    },
    { label: 'plain { status }', produce: () => ({ status: 503 }), expected: 503 },
    { label: 'plain { statusCode }', produce: () => ({ statusCode: 504 }), expected: 504 },
    {
      label: 'nested { error: { code: "429" } }',
      produce: () => ({ error: { code: '429', message: 'x' } }),
      expected: 429,
    },
    {
      label: 'DOMException code 20 is not a status',
      produce: () => new DOMException('aborted', 'AbortError'),
      expected: undefined,
    },
    {
      label: 'system error code is not a status',
      produce: () => Object.assign(new Error('x'), { code: 'ECONNRESET', errno: -104 }),
      expected: undefined,
    },
    {
      label: 'small numeric code is not a status',
      produce: () => ({ error: { code: 8, message: 'RESOURCE_EXHAUSTED' } }),
      expected: undefined,
    },
    { label: 'undefined', produce: () => undefined, expected: undefined },
  ])('$label → $expected', async ({ produce, expected }) => {
    expect(getStatusCode(await produce())).toBe(expected);
  });
});

describe('describeError', () => {
  it.each<{ label: string; produce: () => Promise<unknown> | unknown; expected: string }>([
    {
      label: 'APICallError with status',
      produce: () =>
        generateError(openai(respond(500, openaiErrorBody('The server had an error.', 'server_error'))).chat('gpt-4o')),
      expected: 'APICallError 500: The server had an error.',
    },
    {
      label: 'cut body names the socket cause',
      produce: () => streamError(openai(respondSseThenFail([chatChunk('Hel')], socketClosed())).chat('gpt-4o')),
      expected: 'APICallError 200: Failed to process successful response (cause: other side closed [UND_ERR_SOCKET])',
    },
    {
      label: 'connection failure already names its cause',
      produce: () => generateError(openrouter(failWithConnectionReset())('x/y')),
      expected: 'APICallError: Cannot connect to API: read ECONNRESET',
    },
    {
      label: 'OpenRouter 200 error body shows the upstream detail',
      produce: () =>
        generateError(
          openrouter(
            respond(200, {
              error: {
                code: 502,
                message: 'Provider returned error',
                metadata: { provider_name: 'Foo', raw: 'upstream boom' },
              },
            }),
          )('x/y'),
        ),
      expected: 'APICallError 502: Provider returned error (Foo: upstream boom)',
    },
    {
      label: 'OpenRouter stream part',
      produce: () =>
        streamError(
          openrouter(respondSse([{ error: { code: 'server_error', message: 'Provider disconnected' } }, '[DONE]']))(
            'x/y',
          ),
        ),
      expected: 'server_error: Provider disconnected',
    },
    {
      label: 'empty 503 does not dump the request (the prompt)',
      produce: () => generateError(openai(respond(503, '')).chat('gpt-4o')),
      expected: 'APICallError 503: (no message)',
    },
    {
      label: 'multi-line message becomes one line',
      produce: () => new Error('first\n  second'),
      expected: 'Error: first second',
    },
    { label: 'string', produce: () => 'boom', expected: 'boom' },
    { label: 'undefined', produce: () => undefined, expected: 'undefined' },
  ])('$label', async ({ produce, expected }) => {
    expect(describeError(await produce())).toBe(expected);
  });

  it('redacts an Authorization header a proxy echoed into the message', async () => {
    const secret = 'sk-proj-Abc123Def456Ghi789Jkl012';
    const error = await generateError(
      openai(
        respond(
          400,
          openaiErrorBody(`Bad header "Authorization: Bearer ${secret}" on request`, 'invalid_request_error'),
        ),
      ).chat('gpt-4o'),
    );
    const line = describeError(error);
    expect(line).not.toContain(secret);
    expect(line).not.toContain('Abc123');
    expect(line).toContain('Authorization: [redacted]');
  });

  it('redacts a key carried in the body only', async () => {
    const secret = 'sk-proj-Zyx987Wvu654Tsr321Qpo000';
    // An empty message makes describeError fall back to the raw body, where the key sits.
    const error = await generateError(
      openai(respond(502, `upstream rejected key ${secret}`, { 'content-type': 'text/plain' })).chat('gpt-4o'),
    );
    const line = describeError(error);
    expect(line).not.toContain(secret);
    expect(line).toBe('APICallError 502: upstream rejected key [redacted]');
  });

  it('cuts long messages to about 300 characters', async () => {
    const error = await generateError(
      openai(respond(400, openaiErrorBody('x'.repeat(5_000), 'invalid_request_error'))).chat('gpt-4o'),
    );
    const line = describeError(error);
    expect(line.length).toBe(300);
    expect(line.endsWith('…')).toBe(true);
  });

  it('redacts before cutting, so a key at the edge does not leak half-way', () => {
    const line = describeError(new Error(`${'x'.repeat(270)} sk-proj-Abc123Def456Ghi789Jkl012Mno345`));
    expect(line).not.toMatch(/sk-proj|Abc123/);
  });

  it('never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(describeError(hostile)).toBe('Unknown error');
  });
});

describe('redactSecrets', () => {
  it.each<{ input: string; expected: string }>([
    { input: 'Authorization: Bearer sk-proj-abcdefghijklmnop', expected: 'Authorization: [redacted]' },
    { input: '{"authorization":"Bearer abc.def.ghi"}', expected: '{"authorization":"[redacted]"}' },
    { input: 'proxy-authorization: Basic dXNlcjpwYXNz', expected: 'proxy-authorization: [redacted]' },
    { input: 'token Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig expired', expected: 'token Bearer [redacted] expired' },
    { input: 'api-key: 0123456789abcdef0123456789abcdef', expected: 'api-key: [redacted]' },
    { input: 'x-api-key=sk-ant-api03-abcdefghijkl&x=1', expected: 'x-api-key=[redacted]&x=1' },
    { input: "{'api_key': 'secret-value'}", expected: "{'api_key': '[redacted]'}" },
    { input: 'key sk-or-v1-0123456789abcdef0123 rejected', expected: 'key [redacted] rejected' },
    {
      input: 'Incorrect API key provided: sk-proj-********************abcd.',
      expected: 'Incorrect API key provided: [redacted]',
    },
    { input: 'url ?key=AIzaSyA-0123456789abcdefghijklmnopqrstu', expected: 'url ?key=[redacted]' },
    { input: 'task-force and sk-learn stay', expected: 'task-force and sk-learn stay' },
    { input: 'no secrets here', expected: 'no secrets here' },
  ])('$input', ({ input, expected }) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});
