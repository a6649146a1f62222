import { APICallError } from '@ai-sdk/provider';
import { convertToModelMessages, streamText } from 'ai';
import { type FallbackCallOptions, FallbackExhaustedError, type FallbackMetadata } from 'ai-sdk-fallback';
import { type ChatModel, createChatModel } from './chain';
import type { ChatMessage, ChatMetadata, ChatRequestBody } from './chat-message';

// Next.js defines `EdgeRuntime` on its Edge runtime only.
declare const EdgeRuntime: string | undefined;
const runtime = typeof EdgeRuntime === 'string' ? 'edge' : 'nodejs';

/** A request that wants the primary alone: the chain is off for this call only. */
const PRIMARY_ONLY: FallbackCallOptions = { enabled: false };

/**
 * The chat's POST handler, the same for both routes: `app/api/chat` (Node.js) and
 * `app/api/chat/edge` (`runtime = 'edge'`). Web APIs only: `Request`, `Response`, streams, `fetch`.
 */
export function createChatHandler(): (request: Request) => Promise<Response> {
  // Built on the first request, not at import: `next build` loads this module without the runtime env.
  let chat: ChatModel | undefined;

  return async function POST(request) {
    chat ??= createChatModel();
    const { messages, primaryOnly = false } = (await request.json()) as ChatRequestBody;

    const result = streamText({
      model: chat.model,
      system: 'You are a concise, friendly assistant.',
      // A failed turn leaves an assistant message without text; providers reject empty turns.
      messages: await convertToModelMessages(messages.filter(hasContent)),
      // The chain owns retries: the SDK's own would run a model the chain already gave up on.
      maxRetries: 0,
      // Per request: the page's "primary only" switch. The `fallback` key never reaches a provider.
      ...(primaryOnly ? { providerOptions: { fallback: PRIMARY_ONLY } } : {}),
      // Stop in the browser aborts this request: the chain stops too, and no fallback starts.
      abortSignal: request.signal,
      // Messages only: the SDK's default logs the whole error object, request body included.
      onError: ({ error }) => console.error('[next-chat]', error instanceof Error ? error.message : error),
    });

    const primaryId = chat.primaryId;
    return result.toUIMessageStreamResponse<ChatMessage>({
      messageMetadata: ({ part }) => {
        if (part.type !== 'finish-step') return undefined;
        // With the chain off the primary answers as the bare model: no fallback metadata, so the route names it.
        if (primaryOnly) return { servedBy: primaryId, fellBack: false, primaryOnly, runtime };
        const served = answeredBy(part.providerMetadata?.fallback);
        return served === undefined ? undefined : { ...served, runtime };
      },
      onError: describeFailure,
    });
  };
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

/** The text the browser shows. Entry ids, error types and statuses only: provider messages stay in the server log. */
function describeFailure(error: unknown): string {
  if (FallbackExhaustedError.isInstance(error)) {
    // The last failure of each model, in the order they were tried.
    const lastById = new Map(error.attempts.map(attempt => [attempt.id, attempt]));
    const failures = [...lastById.values()].map(
      attempt => `${attempt.id} (${attempt.type}${httpError(attempt.statusCode)})`,
    );
    return `Every model failed: ${failures.join(', ')}. Please try again.`;
  }
  // "Primary only": the primary's own error, as the bare model gives it.
  if (APICallError.isInstance(error)) return `The primary model failed (HTTP ${error.statusCode ?? 'error'}).`;
  return 'The model failed to answer. Please try again.';
}

/** ` 429` for an HTTP error status; nothing for a stream that failed after a 200. */
function httpError(statusCode: number | undefined): string {
  return statusCode !== undefined && statusCode >= 400 ? ` ${statusCode}` : '';
}
