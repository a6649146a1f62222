import type { FallbackResult, FallbackUsage } from '../types';
import type { PartTag } from './part-tag';

/**
 * What differs between spec versions in a stream: which parts are output,
 * which carry errors, and where the finish metadata goes. The commit gate and
 * the forwarding read parts only through this, so one of each serves every
 * version (`v1-stream-spec.ts`, `v2-v4-stream-spec.ts`).
 */
export interface StreamSpec<PART> {
  /** The commit point: the first part for which this is true. */
  isOutput(part: PART): boolean;
  /** Content that makes an answer non-empty without being a commit point (a source). */
  isContent(part: PART): boolean;
  /** The error an `error` part carries, or `NO_ERROR`. */
  errorOf(part: PART): unknown;
  /** True for the part that ends a well-formed stream. */
  isFinish(part: PART): boolean;
  /** The unified finish reason of a finish part (`'stop'`, `'error'`, `'content-filter'` …). */
  finishReasonOf(finish: PART): string | undefined;
  /** The tokens a finish part reports, if it reports any. */
  usageOf(finish: PART): FallbackUsage | undefined;
  /** A finish part with `providerMetadata.fallback` merged in. */
  withMetadata(finish: PART, metadata: Record<string, unknown>): PART;
  /** Any other part with the serving entry's tag in its provider metadata; the part itself when it has none. */
  withTag(part: PART, tag: PartTag): PART;
  /** An `error` part with another error (the same part otherwise). */
  withError(part: PART, error: unknown): PART;
  /** True for a part that must stay first in the stream (`stream-start`): a model part goes after it. */
  leadsStream(part: PART): boolean;
  /** True for a part that names the responding model. */
  namesModel(part: PART): boolean;
  /** True for a part that describes the response (id, model, time): a continuation's are not forwarded. */
  isResponseMetadata(part: PART): boolean;
  /** A part that names the responding model, for models whose streams do not. */
  modelPart(modelId: string): PART | undefined;
  /** An error part for a failure after commit. */
  errorPart(error: unknown): PART;
  /** The finish part that closes a stream cut by one of our clocks after commit: its reason never says `stop`. */
  errorFinishPart(metadata: Record<string, unknown>): PART;
  /** Text of a part for a continuation's prefill; undefined when the part is not plain text. */
  textOf(part: PART): string | undefined;
  /** The text block a part belongs to (`text-start`, `text-delta`, `text-end`), if any. */
  textBlockOf(part: PART): { id: string; phase: 'start' | 'delta' | 'end' } | undefined;
  /** The same part moved to another text block. */
  withTextBlock(part: PART, id: string): PART;
  /** The answer of a stream held to its finish (`commit: 'finish'`), as result checks read it. */
  resultOf(parts: readonly PART[]): FallbackResult;
}

/** Returned by `errorOf` for parts that carry no error. */
export const NO_ERROR: unique symbol = Symbol('no-error');

/** What differs between spec versions in a generate result: whether it holds an answer, and what it reports. */
export interface ResultSpec<RESULT> {
  /** True when the result holds any output (text, reasoning, tool call, file, source). */
  hasOutput(result: RESULT): boolean;
  finishReasonOf(result: RESULT): string | undefined;
  usageOf(result: RESULT): FallbackUsage | undefined;
  /** Every text part joined, or undefined when the answer has no text part (a tool call only). */
  textOf(result: RESULT): string | undefined;
  /** The result as result checks read it. */
  resultOf(result: RESULT): FallbackResult;
  /** The result with each content part that has provider metadata tagged with the serving entry. */
  withTags(result: RESULT, tag: PartTag): RESULT;
}

/** `{ inputTokens, outputTokens }` without unknown counts, or undefined when neither is known. */
export function knownUsage(inputTokens: unknown, outputTokens: unknown): FallbackUsage | undefined {
  const input = typeof inputTokens === 'number' && Number.isFinite(inputTokens) ? inputTokens : undefined;
  const output = typeof outputTokens === 'number' && Number.isFinite(outputTokens) ? outputTokens : undefined;
  if (input === undefined && output === undefined) return undefined;
  const usage: FallbackUsage = {};
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  return usage;
}
