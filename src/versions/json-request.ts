/** A call that asked for JSON, and the JSON Schema it sent, if any. */
export interface JsonRequest {
  readonly schema?: unknown;
}

/**
 * Whether the call options ask for JSON: `responseFormat: { type: 'json' }`
 * in every spec version, and in V1 also `mode: { type: 'object-json' }`
 * (how AI SDK 4's `generateObject` asks). Returns the option itself, so a
 * call that asks for text costs two property reads.
 */
export function jsonRequestOf(options: object): JsonRequest | undefined {
  const { responseFormat, mode } = options as { responseFormat?: { type?: unknown }; mode?: { type?: unknown } };
  if (responseFormat?.type === 'json') return responseFormat as JsonRequest;
  return mode?.type === 'object-json' ? (mode as JsonRequest) : undefined;
}
