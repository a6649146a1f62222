import { sseEvent } from './wire-action';
import type { WireContext, WireFormat } from './wire-format';
import { reasoningEvents, reasoningItem } from './wire-openai-reasoning';

/** The OpenAI Responses API (`/responses`), as parsed by `@ai-sdk/openai` and `@ai-sdk/azure`. */
export const openaiResponsesWire: WireFormat = {
  json(context) {
    return {
      ...responseObject(context, 'completed'),
      output: outputItems(context),
      usage: usage(context),
    };
  },

  stream(context) {
    const itemId = messageId(context);
    let sequenceNumber = 0;
    const event = (type: string, fields: Record<string, unknown>) =>
      sseEvent(JSON.stringify({ type, sequence_number: sequenceNumber++, ...fields }), type);
    const refusal = context.ending === 'refusal';
    const textPart = contentPart(context, context.text);
    // A reasoning item comes first: the message is the second output item.
    const outputIndex = context.reasoning === undefined ? 0 : 1;
    const location = { item_id: itemId, output_index: outputIndex, content_index: 0 };

    return {
      accepted: () => [
        event('response.created', { response: responseObject(context, 'in_progress') }),
        event('response.in_progress', { response: responseObject(context, 'in_progress') }),
      ],

      openOutput: () => [
        ...(context.reasoning === undefined ? [] : reasoningEvents(context.reasoning, event)),
        event('response.output_item.added', {
          output_index: outputIndex,
          item: { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
        }),
        event('response.content_part.added', {
          ...location,
          part: contentPart(context, ''),
        }),
      ],

      token: delta =>
        refusal
          ? event('response.refusal.delta', { ...location, delta })
          : event('response.output_text.delta', { ...location, delta, logprobs: [] }),

      closeOutput: () => [
        refusal
          ? event('response.refusal.done', { ...location, refusal: context.text })
          : event('response.output_text.done', { ...location, text: context.text, logprobs: [] }),
        event('response.content_part.done', { ...location, part: textPart }),
        event('response.output_item.done', {
          output_index: outputIndex,
          item: messageItem(context, 'completed'),
        }),
      ],

      complete: () => [
        event(context.ending === 'content-filter' ? 'response.incomplete' : 'response.completed', {
          response: {
            ...responseObject(context, 'completed'),
            output: outputItems(context),
            usage: usage(context),
          },
        }),
      ],

      error: (code, message) => [
        // The documented ResponseErrorEvent: code / message / param at the top level, code a string.
        event('error', {
          code: code == null ? 'server_error' : String(code),
          message: message ?? 'The server had an error while processing your request. Sorry about that!',
          param: null,
        }),
      ],

      malformed: () =>
        sseEvent(
          `{"type":"response.output_text.delta","item_id":"${itemId}","output_index":${outputIndex},"delta":"`,
          'response.output_text.delta',
        ),
    };
  },
};

function outputItems(context: WireContext): unknown[] {
  // A filter that removed the whole answer leaves no message.
  const message = context.text === '' ? [] : [messageItem(context, 'completed')];
  return context.reasoning === undefined ? message : [reasoningItem(context.reasoning), ...message];
}

function messageId(context: WireContext): string {
  return `msg_fake${context.request.id}`;
}

function messageItem(context: WireContext, status: 'in_progress' | 'completed') {
  return {
    id: messageId(context),
    type: 'message',
    status,
    role: 'assistant',
    content: [contentPart(context, context.text)],
  };
}

/** A message's one content part: its text, or the model's refusal. */
function contentPart(context: WireContext, text: string) {
  return context.ending === 'refusal'
    ? { type: 'refusal', refusal: text }
    : { type: 'output_text', annotations: [], logprobs: [], text };
}

function responseObject(context: WireContext, status: 'in_progress' | 'completed') {
  return {
    id: `resp_fake${context.request.id}`,
    object: 'response',
    created_at: context.createdAt,
    status: status === 'completed' && context.ending === 'content-filter' ? 'incomplete' : status,
    background: false,
    error: null,
    incomplete_details:
      status === 'completed' && context.ending === 'content-filter' ? { reason: 'content_filter' } : null,
    instructions: null,
    max_output_tokens: null,
    model: context.request.model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: context.request.body?.store !== false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
  };
}

function usage(context: WireContext) {
  const outputTokens = context.tokens.length;
  return {
    input_tokens: context.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: context.promptTokens + outputTokens,
  };
}
