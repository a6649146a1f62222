import { describe, expect, it } from 'vitest';
import { isPrefillRefusal } from '../../src/errors/prefill-refusal';
import {
  generateError,
  openai,
  openaiErrorBody,
  openrouter,
  respond,
  respondSse,
  streamError,
} from './provider-errors';

const ANTHROPIC =
  'This model does not support assistant message prefill. The conversation must end with a user message.';
const ANTHROPIC_BODY = { type: 'error', error: { type: 'invalid_request_error', message: ANTHROPIC } };
const MISTRAL_BODY = {
  object: 'error',
  message: 'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant',
  type: 'invalid_request_message_order',
  param: null,
  code: '3230',
};
const THINKING =
  'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks).';

const chat400 = (body: unknown) => () => generateError(openai(respond(400, body)).chat('gpt-4o'));

describe('isPrefillRefusal', () => {
  it.each<{ label: string; produce: () => Promise<unknown> | unknown; expected: boolean }>([
    // Refusals, as the real provider packages hand them over.
    {
      label: "Anthropic's 400, through an OpenAI-compatible endpoint",
      produce: chat400(ANTHROPIC_BODY),
      expected: true,
    },
    {
      label: 'the same wording in an OpenAI-style error body (GitHub Copilot, the fake provider)',
      produce: chat400(openaiErrorBody(ANTHROPIC, 'invalid_request_error')),
      expected: true,
    },
    { label: "Mistral's message-order 400", produce: chat400(MISTRAL_BODY), expected: true },
    {
      label: 'Anthropic with extended thinking: a text prefill where a thinking block must come',
      produce: chat400(openaiErrorBody(THINKING, 'invalid_request_error')),
      expected: true,
    },
    {
      label: "Bedrock's older wording, on a plain error object",
      produce: () => ({
        statusCode: 400,
        message:
          'A conversation must end with a user message. Try again with a conversation that ends with a user message.',
      }),
      expected: true,
    },
    {
      label: 'OpenRouter relaying the upstream 400 in a stream error part (only `metadata.raw` has the wording)',
      produce: () =>
        streamError(
          openrouter(
            respondSse([
              {
                error: {
                  code: 400,
                  message: 'Provider returned error',
                  metadata: { raw: JSON.stringify(ANTHROPIC_BODY), provider_name: 'Anthropic' },
                },
              },
            ]),
          )('anthropic/claude-opus-4.6'),
        ),
      expected: true,
    },
    {
      label: 'a 422 saying prefilling is not supported (OpenAI-compatible servers)',
      produce: () =>
        generateError(
          openai(respond(422, openaiErrorBody('Assistant prefill is not supported by this model', null))).chat('m'),
        ),
      expected: true,
    },
    // Not refusals.
    {
      label: 'a 400 for an over-long prompt',
      produce: chat400(
        openaiErrorBody('maximum context length exceeded', 'invalid_request_error', 'context_length_exceeded'),
      ),
      expected: false,
    },
    {
      label: "Mistral's other message-order 400 (a user message after a tool message)",
      produce: chat400({ ...MISTRAL_BODY, message: "Unexpected role 'user' after role 'tool'" }),
      expected: false,
    },
    {
      label: 'the wording with a 500: the provider failed, the request may be fine',
      produce: () => generateError(openai(respond(500, ANTHROPIC_BODY)).chat('gpt-4o')),
      expected: false,
    },
    {
      label: 'a 429',
      produce: () => generateError(openai(respond(429, openaiErrorBody(ANTHROPIC, 'rate_limit_exceeded'))).chat('m')),
      expected: false,
    },
    { label: 'the wording with no status at all', produce: () => new Error(ANTHROPIC), expected: false },
    { label: 'nothing', produce: () => undefined, expected: false },
    { label: 'a string', produce: () => `400 ${ANTHROPIC}`, expected: false },
    {
      label: 'a hostile object (every read throws)',
      produce: () =>
        new Proxy(
          {},
          {
            get() {
              throw new Error('no');
            },
          },
        ),
      expected: false,
    },
  ])('$label: $expected', async ({ produce, expected }) => {
    // Not awaited unless it is a promise: awaiting reads `then`, which a hostile object throws on.
    const produced = produce();
    expect(isPrefillRefusal(produced instanceof Promise ? await produced : produced)).toBe(expected);
  });
});
