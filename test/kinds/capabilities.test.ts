import { describe, expect, it } from 'vitest';
import { FallbackMixedDimensionsError } from '../../src/index';
import { combine, everyClaims, perCallLimit, smallestLimit } from '../../src/versions/kinds/capabilities';
import { dimensionGuard } from '../../src/versions/kinds/embedding-dimensions';

describe('smallestLimit: a limit that holds for every entry', () => {
  it.each([
    { limits: [10, 1], unknownAs: undefined, smallest: 1 },
    { limits: [2048, undefined], unknownAs: undefined, smallest: 2048 },
    { limits: [undefined, undefined], unknownAs: undefined, smallest: undefined },
    { limits: [10, undefined], unknownAs: 1, smallest: 1 },
    { limits: [undefined, undefined], unknownAs: 1, smallest: undefined },
    { limits: [Number.POSITIVE_INFINITY, 5], unknownAs: undefined, smallest: 5 },
    { limits: [Number.POSITIVE_INFINITY], unknownAs: undefined, smallest: undefined },
  ])('$limits (unknown as $unknownAs) -> $smallest', ({ limits, unknownAs, smallest }) => {
    expect(smallestLimit(limits, unknownAs === undefined ? {} : { unknownAs })).toBe(smallest);
  });
});

describe('everyClaims and combine', () => {
  it.each([
    { claims: [true, true], every: true },
    { claims: [true, false], every: false },
    { claims: [true, undefined], every: false },
    { claims: [], every: true },
  ])('$claims -> $every', ({ claims, every }) => {
    expect(everyClaims(claims)).toBe(every);
  });

  it('is synchronous when no value is a promise, one promise otherwise', async () => {
    expect(combine([true, true], everyClaims)).toBe(true);
    const pending = combine([true, Promise.resolve(false)], everyClaims);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBe(false);
  });
});

describe('perCallLimit: images and videos', () => {
  const model = (modelId: string, limit: unknown) => ({ modelId, limit });
  type Model = ReturnType<typeof model>;
  const limitOf = (entry: Model) => entry.limit as never;

  it('plain numbers give a number', () => {
    expect(perCallLimit([model('a', 10), model('b', 4)], limitOf)).toBe(4);
    expect(perCallLimit([model('a', undefined), model('b', undefined)], limitOf)).toBeUndefined();
  });

  it("a function is asked for its own entry's model id, on its model, when the AI SDK reads the limit", async () => {
    const asked: string[] = [];
    function limit(this: Model, { modelId }: { modelId: string }) {
      asked.push(`${this.modelId}:${modelId}`);
      return Promise.resolve(modelId === 'b' ? 3 : 8);
    }
    const limitFn = perCallLimit([model('a', limit), model('b', limit), model('c', 5)], limitOf);
    expect(asked).toEqual([]);
    expect(typeof limitFn).toBe('function');
    expect(await (limitFn as () => Promise<number>)()).toBe(3);
    expect(asked).toEqual(['a:a', 'b:b']);
  });
});

describe('dimensionGuard', () => {
  const vectors = (size: number) => [Array.from({ length: size }, () => 0)];

  it.each([
    {
      label: 'one entry, one size',
      answers: [
        ['a', 8],
        ['a', 8],
      ],
      refusedAt: undefined,
    },
    {
      label: 'another entry, the same size',
      answers: [
        ['a', 8],
        ['b', 8],
      ],
      refusedAt: undefined,
    },
    {
      label: 'another entry, another size',
      answers: [
        ['a', 8],
        ['b', 4],
      ],
      refusedAt: 1,
    },
    {
      label: 'the same entry changing size is its own',
      answers: [
        ['a', 8],
        ['a', 4],
      ],
      refusedAt: undefined,
    },
    {
      label: 'the first entry again after a refusal',
      answers: [
        ['a', 8],
        ['b', 4],
        ['a', 8],
      ],
      refusedAt: 1,
    },
  ] as const)('$label', ({ answers, refusedAt }) => {
    const guard = dimensionGuard();
    const refused: number[] = [];
    answers.forEach(([entryId, size], index) => {
      try {
        guard({ entryId, requested: undefined, embeddings: vectors(size) });
      } catch (error) {
        expect(FallbackMixedDimensionsError.isInstance(error)).toBe(true);
        refused.push(index);
      }
    });
    expect(refused).toEqual(refusedAt === undefined ? [] : [refusedAt]);
  });

  it('another requested size is another index; an empty answer is not judged', () => {
    const guard = dimensionGuard();
    guard({ entryId: 'a', requested: 256, embeddings: vectors(256) });
    guard({ entryId: 'b', requested: undefined, embeddings: vectors(1536) });
    guard({ entryId: 'c', requested: undefined, embeddings: [] });
    expect(() => guard({ entryId: 'c', requested: 256, embeddings: vectors(512) })).toThrow(
      "'c' answered with 512-dimensional vectors, but 'a' answered with 256 dimensions",
    );
  });
});
