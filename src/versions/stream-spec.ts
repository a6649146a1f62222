/**
 * What differs between spec versions in a stream: which parts are output,
 * which carry errors, and where the finish metadata goes. The stream gate
 * reads parts only through this, so one gate serves every version
 * (`v1-stream-spec.ts` … `v4-stream-spec.ts`).
 */
export interface StreamSpec<PART> {
  /** The commit point: the first part for which this is true. */
  isOutput(part: PART): boolean;
  /** The error an `error` part carries, or `NO_ERROR`. */
  errorOf(part: PART): unknown;
  /** True for the part that ends a well-formed stream. */
  isFinish(part: PART): boolean;
  /** True for a finish part that says the model failed. */
  finishedWithError(part: PART): boolean;
  /** A finish part with `providerMetadata.fallback` merged in. */
  withMetadata(finish: PART, metadata: Record<string, unknown>): PART;
  /** True for a part that must stay first in the stream (`stream-start`): a model part goes after it. */
  leadsStream(part: PART): boolean;
  /** True for a part that names the responding model. */
  namesModel(part: PART): boolean;
  /** A part that names the responding model, for models whose streams do not. */
  modelPart(modelId: string): PART | undefined;
  /** An error part for a failure after commit. */
  errorPart(error: unknown): PART;
  /** The finish part that closes a stream cut after commit: its reason never says `stop`. */
  errorFinishPart(metadata: Record<string, unknown>): PART;
  /** Text of a part for a continuation's prefill; undefined when the part is not plain text. */
  textOf(part: PART): string | undefined;
  /** The text block a part belongs to (`text-start`, `text-delta`, `text-end`), if any. */
  textBlockOf(part: PART): { id: string; phase: 'start' | 'delta' | 'end' } | undefined;
  /** The same part moved to another text block. */
  withTextBlock(part: PART, id: string): PART;
}

/** Returned by `errorOf` for parts that carry no error. */
export const NO_ERROR: unique symbol = Symbol('no-error');
