import type { FakeReasoningItem } from './fake-items';
import type { FakeRequest } from './fake-request';

/** What a wire format needs to know to render one answer. */
export interface WireContext {
  request: FakeRequest;
  /** The full answer text. */
  text: string;
  /** `text` split into content deltas. */
  tokens: string[];
  /** A rough prompt size, so usage numbers are plausible and stable. */
  promptTokens: number;
  /** Unix seconds, as providers report `created` / `created_at`. */
  createdAt: number;
  /**
   * How the answer ends when not with a plain stop: `'content-filter'`, the
   * provider's content filter stopped it (after `tokens`, maybe none);
   * `'refusal'`, the text is the model's structured-output refusal.
   */
  ending?: 'content-filter' | 'refusal';
  /** Responses API: the reasoning item that comes before the answer, if any. */
  reasoning?: FakeReasoningItem | undefined;
}

/**
 * The server-sent events of one streamed answer, in the provider's format. Each method
 * renders complete SSE frames; callers invoke them in wire order because some formats
 * number their events.
 */
export interface StreamWire {
  /** Frames that show the request was accepted, before any output. */
  accepted(): string[];
  /** Frames that open the answer, just before its first token. */
  openOutput(): string[];
  /** One content delta. */
  token(delta: string): string;
  /** Frames that close the answer after its last token (not the completion signal). */
  closeOutput(): string[];
  /** The completion signal: finish reason, usage and end-of-stream marker. */
  complete(): string[];
  /** An in-stream error in the provider's format. */
  error(code: string | number | undefined, message: string | undefined): string[];
  /** A frame whose data is not valid JSON. */
  malformed(): string;
}

/** Renders one API's answers (non-streaming JSON and streams) for a request. */
export interface WireFormat {
  json(context: WireContext): unknown;
  stream(context: WireContext): StreamWire;
}
