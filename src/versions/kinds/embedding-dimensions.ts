import { FallbackMixedDimensionsError } from '../../errors/mixed-dimensions-error';

/** One call's vectors, as the dimension guard reads them. */
export interface EmbeddingAnswer {
  entryId: string;
  /** The caller's `dimensions` for the call: another size asked for is another index. */
  requested: number | undefined;
  embeddings: readonly (readonly number[])[];
}

/**
 * A guard of one embedding chain: remembers the size of the first entry's
 * vectors per requested `dimensions`, and throws a
 * {@link FallbackMixedDimensionsError} when another entry answers with
 * another size. The same entry is never refused (its size is its own).
 */
export function dimensionGuard(): (answer: EmbeddingAnswer) => void {
  const seen = new Map<number | undefined, { entryId: string; dimensions: number }>();
  return ({ entryId, requested, embeddings }) => {
    const vector = embeddings[0];
    if (vector === undefined) return;
    const dimensions = vector.length;
    const first = seen.get(requested);
    if (first === undefined) {
      seen.set(requested, { entryId, dimensions });
      return;
    }
    if (first.dimensions !== dimensions && first.entryId !== entryId) {
      throw new FallbackMixedDimensionsError({ first, received: { entryId, dimensions } });
    }
  };
}
