import type { LanguageModelV4 } from '@ai-sdk/provider';
import { convertToModelMessages, streamText } from 'ai';
import { FallbackExhaustedError, type FallbackMetadata } from 'ai-sdk-fallback';
import { createChatModel } from '../../../lib/chain';
import type { ChatMessage, ChatMetadata } from '../../../lib/chat-message';

// Built on the first request, not at import: `next build` loads this module without the runtime env.
let model: LanguageModelV4 | undefined;

export async function POST(request: Request): Promise<Response> {
  model ??= createChatModel();
  const { messages } = (await request.json()) as { messages: ChatMessage[] };

  const result = streamText({
    model,
    system: 'You are a concise, friendly assistant.',
    // A failed turn leaves an assistant message without text; providers reject empty turns.
    messages: await convertToModelMessages(messages.filter(hasContent)),
    // The chain owns retries: the SDK's own would run a model the chain already gave up on.
    maxRetries: 0,
    // Stop in the browser aborts this request: the chain stops too, and no fallback starts.
    abortSignal: request.signal,
    // Messages only: the SDK's default logs the whole error object, request body included.
    onError: ({ error }) => console.error('[next-chat]', error instanceof Error ? error.message : error),
  });

  return result.toUIMessageStreamResponse<ChatMessage>({
    messageMetadata: ({ part }) =>
      part.type === 'finish-step' ? answeredBy(part.providerMetadata?.fallback) : undefined,
    onError: describeFailure,
  });
}

function hasContent(message: ChatMessage): boolean {
  return message.role !== 'assistant' || message.parts.some(part => part.type === 'text' && part.text !== '');
}

function answeredBy(metadata: unknown): ChatMetadata | undefined {
  const fallback = metadata as FallbackMetadata | undefined;
  if (fallback?.servedBy == null) return undefined;
  return {
    servedBy: fallback.servedBy.id,
    fellBack: fallback.servedBy.index > 0 || fallback.continuation != null,
    caught: fallback.caught.map(caught => `${caught.id} ${caught.type}${httpError(caught.statusCode)}`),
  };
}

/** The text the browser shows. Entry ids and error types only: provider messages stay in the server log. */
function describeFailure(error: unknown): string {
  if (FallbackExhaustedError.isInstance(error)) {
    // The last failure of each model, in the order they were tried.
    const lastById = new Map(error.attempts.map(attempt => [attempt.id, attempt]));
    const failures = [...lastById.values()].map(
      attempt => `${attempt.id} (${attempt.type}${httpError(attempt.statusCode)})`,
    );
    return `Every model failed: ${failures.join(', ')}. Please try again.`;
  }
  return 'The model failed to answer. Please try again.';
}

/** ` 429` for an HTTP error status; nothing for a stream that failed after a 200. */
function httpError(statusCode: number | undefined): string {
  return statusCode !== undefined && statusCode >= 400 ? ` ${statusCode}` : '';
}
