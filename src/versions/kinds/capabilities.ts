// What a chain of models of one kind claims it can do: only as much as every entry can,
// because any entry may end up answering any call.

type MaybePromise<T> = T | PromiseLike<T>;

/** A per-call limit as the specs write it: a number, unknown, or a function of the model id. */
export type Limit =
  | MaybePromise<number | undefined>
  | ((options: { modelId: string }) => MaybePromise<number | undefined>);

/** A limit that holds for every entry: the smallest one. */
export function smallestLimit(
  limits: readonly (number | undefined)[],
  { unknownAs }: { unknownAs?: number } = {},
): number | undefined {
  // An entry without a limit is unlimited (embeddings) or one per call (images and videos: the AI SDK's default).
  if (limits.every(limit => limit === undefined)) return undefined;
  let smallest = Number.POSITIVE_INFINITY;
  for (const limit of limits) {
    const value = limit ?? unknownAs ?? Number.POSITIVE_INFINITY;
    if (value < smallest) smallest = value;
  }
  return smallest === Number.POSITIVE_INFINITY ? undefined : smallest;
}

/** Whether every entry claims it. */
export function everyClaims(claims: readonly (boolean | undefined)[]): boolean {
  return claims.every(claim => claim === true);
}

/**
 * Values that may be promises, combined once they are known: synchronously
 * when none is a promise (the AI SDK then reads a plain value, as from the
 * entries), otherwise as one promise.
 */
export function combine<T, R>(values: readonly MaybePromise<T>[], reduce: (values: T[]) => R): R | Promise<R> {
  if (values.some(isPromiseLike)) return Promise.all(values).then(reduce);
  return reduce(values as T[]);
}

/** One entry's limit, resolved for its own model id (a function limit is called on its model, as the AI SDK does). */
export function entryLimit(model: { modelId: string }, limit: Limit): MaybePromise<number | undefined> {
  return typeof limit === 'function' ? limit.call(model, { modelId: model.modelId }) : limit;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The smallest per-call limit of `models` (images, videos): a number when
 * every entry's is one, else a function the AI SDK calls, which asks each
 * entry's own function for its own model id. An entry without a limit
 * counts as 1, the AI SDK's default for it.
 */
export function perCallLimit<MODEL extends { modelId: string }>(
  models: readonly MODEL[],
  limitOf: (model: MODEL) => Limit,
): number | undefined | (() => number | undefined | Promise<number | undefined>) {
  const limits = models.map(limitOf);
  const smallest = (values: (number | undefined)[]) => smallestLimit(values, { unknownAs: 1 });
  if (limits.every(limit => limit === undefined || typeof limit === 'number')) {
    return smallest(limits as (number | undefined)[]);
  }
  return () =>
    combine(
      models.map((model, index) => entryLimit(model, limits[index]!)),
      smallest,
    );
}
