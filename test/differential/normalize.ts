/**
 * Turns what a consumer observed into plain data that `toEqual` can compare
 * and print as a readable diff: the one key the wrapper may add
 * (`providerMetadata.fallback`) is removed wherever it appears, and so is the
 * part tag the SDK carries from a part's `providerMetadata.fallback` into a
 * message part's `providerOptions.fallback` (`{ producedBy }`, and only that), errors are
 * described by class, name and message, files by media type and bytes, and
 * values that only identify code (functions, schemas, streams) by their kind.
 */

/** Keys whose value is provider metadata: the wrapper adds `fallback` to these. */
function isProviderMetadataKey(key: string): boolean {
  return /providerMetadata$/i.test(key);
}

/** An error as the comparison sees it: what a user can tell errors apart by. */
export interface ErrorDescription {
  error: string;
  name: string;
  message: string;
  statusCode?: unknown;
  cause?: unknown;
}

export function describeError(error: Error, ancestors: object[] = []): ErrorDescription {
  const described: ErrorDescription = {
    error: error.constructor?.name ?? 'Error',
    name: error.name,
    message: error.message,
  };
  const { statusCode } = error as { statusCode?: unknown };
  if (statusCode !== undefined) described.statusCode = statusCode;
  if (error.cause !== undefined) described.cause = normalize(error.cause, [...ancestors, error]);
  return described;
}

/** `Error`, `DOMException`, and SDK errors from another copy of the package. */
function isErrorLike(value: object): value is Error {
  return value instanceof Error || (typeof (value as Error).message === 'string' && 'stack' in value);
}

function isSchema(value: object): boolean {
  return '~standard' in value || '_zod' in value || 'jsonSchema' in value;
}

/** The SDK's generated files keep lazily converted copies of their bytes: compare the bytes. */
function isGeneratedFile(value: object): value is { mediaType: string; base64: string } {
  return 'mediaType' in value && 'base64' in value && 'uint8Array' in value;
}

/**
 * The one id the SDK draws without a seam: `streamText` does not pass its `_internal.generateId`
 * on to the model call, whose default `responseId` (telemetry's `onLanguageModelCallEnd`) is random.
 */
const unseamedSdkId = /^aitxt-[0-9A-Za-z]{24}$/;

export function normalize(value: unknown, ancestors: object[] = []): unknown {
  if (typeof value === 'string' && unseamedSdkId.test(value)) return 'aitxt-<random>';
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return '[circular]';
  const path = [...ancestors, value];
  if (value instanceof Date) return value.toISOString();
  if (isErrorLike(value)) return describeError(value, ancestors);
  if (value instanceof ReadableStream) return '[ReadableStream]';
  if (value instanceof Uint8Array) return `Uint8Array(${Buffer.from(value).toString('base64')})`;
  if (value instanceof URL) return value.href;
  if (Array.isArray(value)) return value.map(item => normalize(item, path));
  if (value instanceof Map) return [...value.entries()].map(entry => normalize(entry, path));
  if (value instanceof Set) return [...value].map(item => normalize(item, path));
  if (isGeneratedFile(value)) return { file: value.mediaType, base64: value.base64 };
  if (isSchema(value)) return '[schema]';
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    plain[key] = isProviderMetadataKey(key)
      ? withoutFallback(item, path)
      : key === 'providerOptions' && hasPartTag(item)
        ? withoutFallback(item, path)
        : normalize(item, path);
  }
  return plain;
}

/** Provider metadata without the wrapper's `fallback` key; none at all if that was its only key. */
function withoutFallback(metadata: unknown, ancestors: object[]): unknown {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return normalize(metadata, ancestors);
  }
  const { fallback: _fallback, ...rest } = metadata as Record<string, unknown>;
  return Object.keys(rest).length === 0 ? undefined : normalize(rest, ancestors);
}

/** Message part options whose `fallback` is the wrapper's part tag, `{ producedBy: <entry id> }`. */
function hasPartTag(options: unknown): boolean {
  const tag = (options as { fallback?: unknown } | null)?.fallback;
  return (
    typeof tag === 'object' &&
    tag !== null &&
    Object.keys(tag).length === 1 &&
    typeof (tag as { producedBy?: unknown }).producedBy === 'string'
  );
}

/** A promise's outcome, resolved or rejected, as data. */
export type Settled = { resolved: unknown } | { rejected: unknown };

export async function settle(promise: PromiseLike<unknown>): Promise<Settled> {
  try {
    return { resolved: normalize(await promise) };
  } catch (error) {
    return { rejected: normalize(error) };
  }
}
