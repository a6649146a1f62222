import { sseEvent } from './wire-action';
import type { WireContext, WireFormat } from './wire-format';

/**
 * OpenAI chat completions (`/chat/completions`), as parsed by `@ai-sdk/openai`'s chat model,
 * `@ai-sdk/azure`'s chat model and `@openrouter/ai-sdk-provider`.
 */
export const openaiChatWire: WireFormat = {
  json(context) {
    return {
      ...chunkBase(context, 'chat.completion'),
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: context.ending === 'refusal' || context.text === '' ? null : context.text,
            refusal: context.ending === 'refusal' ? context.text : null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReason(context),
        },
      ],
      usage: usage(context),
    };
  },

  stream(context) {
    const provider = context.request.provider;
    const base = chunkBase(context, 'chat.completion.chunk');
    const frame = (value: unknown) => sseEvent(JSON.stringify(value));

    return {
      accepted() {
        const frames: string[] = [];
        // OpenRouter keeps the connection warm with SSE comments that parsers must skip.
        if (provider === 'openrouter') frames.push(': OPENROUTER PROCESSING\n\n');
        // Azure prepends a metadata-only chunk that the SDK must not mistake for content.
        if (provider === 'azure') frames.push(frame(AZURE_PROMPT_FILTER_CHUNK));
        frames.push(
          frame({
            ...base,
            choices: [
              {
                index: 0,
                delta: { role: 'assistant', content: '', refusal: null },
                logprobs: null,
                finish_reason: null,
              },
            ],
            usage: null,
          }),
        );
        return frames;
      },

      openOutput: () => [],

      token(delta) {
        return frame({
          ...base,
          choices: [
            {
              index: 0,
              delta: context.ending === 'refusal' ? { refusal: delta } : { content: delta },
              logprobs: null,
              finish_reason: null,
            },
          ],
          usage: null,
        });
      },

      closeOutput: () => [],

      complete() {
        return [
          frame({
            ...base,
            choices: [
              {
                index: 0,
                delta: {},
                logprobs: null,
                finish_reason: finishReason(context),
                ...(provider === 'openrouter' ? { native_finish_reason: finishReason(context) } : {}),
              },
            ],
            usage: null,
          }),
          frame({ ...base, choices: [], usage: usage(context) }),
          sseEvent('[DONE]'),
        ];
      },

      error(code, message) {
        if (provider === 'openrouter') {
          // OpenRouter's documented mid-stream error: a normal chunk with a top-level `error`
          // and `finish_reason: 'error'`.
          return [
            frame({
              ...base,
              error: { code: code ?? 'server_error', message: message ?? 'Provider disconnected unexpectedly' },
              choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
            }),
          ];
        }
        return [
          frame({
            error: {
              message: message ?? 'The server had an error while processing your request. Sorry about that!',
              type: code == null ? 'server_error' : null,
              param: null,
              code: code ?? 'server_error',
            },
          }),
        ];
      },

      malformed() {
        return sseEvent(
          `{"id":"${base.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"`,
        );
      },
    };
  },
};

function finishReason(context: WireContext): string {
  return context.ending === 'content-filter' ? 'content_filter' : 'stop';
}

function chunkBase(context: WireContext, object: string) {
  return {
    id: `chatcmpl-fake${context.request.id}`,
    object,
    created: context.createdAt,
    model: context.request.model,
    system_fingerprint: 'fp_fake',
    ...(context.request.provider === 'openrouter' ? { provider: 'OpenAI' } : {}),
  };
}

function usage(context: WireContext) {
  const completionTokens = context.tokens.length;
  return {
    prompt_tokens: context.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: context.promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const SAFE = { filtered: false, severity: 'safe' };

const AZURE_PROMPT_FILTER_CHUNK = {
  choices: [],
  created: 0,
  id: '',
  model: '',
  object: '',
  prompt_filter_results: [
    {
      prompt_index: 0,
      content_filter_results: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE },
    },
  ],
};
