/*
 * LanguageModelV1 (AI SDK 4), written out structurally so the package never
 * depends on `@ai-sdk/provider@1`. The V1 specification is frozen; these
 * types keep what the fallback engine reads and writes, and are loose enough
 * (no JSON value constraints, no prompt part details) that every V1 model of
 * every `@ai-sdk/provider@1` release is assignable to them.
 */

/** Provider-specific metadata (V1 uses the same field for call options and for results). */
export type LanguageModelV1ProviderMetadata = Record<string, Record<string, unknown>>;

/** Why a V1 model stopped: a plain string. */
export type LanguageModelV1FinishReason =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'tool-calls'
  | 'error'
  | 'other'
  | 'unknown';

/** V1 usage: prompt and completion tokens (`NaN` when unknown). */
export interface LanguageModelV1Usage {
  promptTokens: number;
  completionTokens: number;
}

/** One message of a V1 prompt. */
export interface LanguageModelV1Message {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: unknown;
  providerMetadata?: LanguageModelV1ProviderMetadata;
}

/** V1 call options: `maxTokens` and `mode` where later specs have `maxOutputTokens`, tools and `responseFormat`. */
export interface LanguageModelV1CallOptions {
  inputFormat: 'messages' | 'prompt';
  mode: { type: 'regular' | 'object-json' | 'object-tool' };
  prompt: LanguageModelV1Message[];
  maxTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  /** V1's name for provider options. */
  providerMetadata?: LanguageModelV1ProviderMetadata;
}

/** Response identity of a V1 result. */
export interface LanguageModelV1ResponseInfo {
  id?: string;
  timestamp?: Date;
  modelId?: string;
}

/** What a V1 `doGenerate` resolves to (fields the engine does not touch are passed through). */
export interface LanguageModelV1GenerateResult {
  text?: string;
  finishReason: LanguageModelV1FinishReason;
  usage: LanguageModelV1Usage;
  rawCall: { rawPrompt: unknown; rawSettings: Record<string, unknown> };
  response?: LanguageModelV1ResponseInfo;
  providerMetadata?: LanguageModelV1ProviderMetadata;
}

/** A part of a V1 stream: deltas carry `textDelta`, and there is no `stream-start` or text block. */
export type LanguageModelV1StreamPart =
  | { type: 'text-delta'; textDelta: string }
  | { type: 'reasoning'; textDelta: string }
  | { type: 'reasoning-signature'; signature: string }
  | { type: 'redacted-reasoning'; data: string }
  | {
      type: 'source';
      source: {
        sourceType: 'url';
        id: string;
        url: string;
        title?: string;
        providerMetadata?: LanguageModelV1ProviderMetadata;
      };
    }
  | { type: 'file'; mimeType: string; data: string | Uint8Array }
  | { type: 'tool-call'; toolCallType: 'function'; toolCallId: string; toolName: string; args: string }
  | { type: 'tool-call-delta'; toolCallType: 'function'; toolCallId: string; toolName: string; argsTextDelta: string }
  | ({ type: 'response-metadata' } & LanguageModelV1ResponseInfo)
  | {
      type: 'finish';
      finishReason: LanguageModelV1FinishReason;
      providerMetadata?: LanguageModelV1ProviderMetadata;
      usage: LanguageModelV1Usage;
      logprobs?: unknown;
    }
  | { type: 'error'; error: unknown };

/** What a V1 `doStream` resolves to. */
export interface LanguageModelV1StreamResult {
  stream: ReadableStream<LanguageModelV1StreamPart>;
  rawCall: { rawPrompt: unknown; rawSettings: Record<string, unknown> };
}

/**
 * A language model of the V1 specification (AI SDK 4), as `@ai-sdk/openai@1`
 * and the other AI SDK 4 providers return it.
 */
export interface LanguageModelV1 {
  readonly specificationVersion: 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly defaultObjectGenerationMode: 'json' | 'tool' | undefined;
  /** Default `true`: the AI SDK passes image URLs as they are. */
  readonly supportsImageUrls?: boolean;
  readonly supportsStructuredOutputs?: boolean;
  /** When undefined, the AI SDK downloads every file URL. */
  supportsUrl?(url: URL): boolean;
  doGenerate(options: LanguageModelV1CallOptions): PromiseLike<LanguageModelV1GenerateResult>;
  doStream(options: LanguageModelV1CallOptions): PromiseLike<LanguageModelV1StreamResult>;
}
