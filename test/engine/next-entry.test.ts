import { describe, expect, it } from 'vitest';
import { nextEntryIndex } from '../../src/engine/next-entry';
import type { FallbackErrorType } from '../../src/errors/fallback-error-type';

const chain = (...catchErrors: FallbackErrorType[][]) => catchErrors.map(types => ({ catchErrors: types }));

describe('nextEntryIndex', () => {
  it.each<[string, ReturnType<typeof chain>, number, FallbackErrorType, number | undefined]>([
    ['the next entry catches the type', chain([], ['rate-limit']), 0, 'rate-limit', 1],
    ['entries that do not match are passed over', chain([], ['auth'], ['rate-limit']), 0, 'rate-limit', 2],
    ["'all' matches every type", chain([], ['all']), 0, 'context-length', 1],
    ['no entry catches it', chain([], ['auth']), 0, 'timeout', undefined],
    [
      'entries before the current one are never chosen again',
      chain(['all'], ['all'], ['auth']),
      1,
      'timeout',
      undefined,
    ],
    ['the last entry has no next', chain([], ['all']), 1, 'network', undefined],
  ])('%s', (_, entries, current, type, expected) => {
    expect(nextEntryIndex(entries, current, type)).toBe(expected);
  });
});
