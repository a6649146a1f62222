import type { UIMessage } from 'ai';

/** What the route attaches to each assistant message: which model answered, and what was caught first. */
export interface ChatMetadata {
  /** `servedBy.id` of `providerMetadata.fallback`, e.g. `openrouter:openai/gpt-4o-mini`. */
  servedBy?: string;
  /** True when the primary did not answer. */
  fellBack?: boolean;
  /** The failures the chain recovered from, oldest first, e.g. `openai.chat:gpt-4o rate-limit 429`. */
  caught?: string[];
  /** True when the request asked for the primary alone (`providerOptions.fallback.enabled: false`). */
  primaryOnly?: boolean;
  /** Where the route ran: `'edge'` for `app/api/chat/edge`, `'nodejs'` for `app/api/chat`. */
  runtime?: 'edge' | 'nodejs';
}

/** What the page sends besides the messages, through `useChat`'s request body. */
export interface ChatRequestBody {
  messages: ChatMessage[];
  /** Ask the primary alone: no retries, no fallback. */
  primaryOnly?: boolean;
}

/** A chat message whose `metadata` is {@link ChatMetadata}. */
export type ChatMessage = UIMessage<ChatMetadata>;
