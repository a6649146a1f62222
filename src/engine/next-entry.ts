import { type FallbackErrorType, matchesErrorType } from '../errors/fallback-error-type';

/**
 * The index of the first entry after `current` whose `catchErrors` matches
 * `type`, or `undefined` when none does. Entries that do not match are passed
 * over, not ended on: a later one may still catch the error.
 */
export function nextEntryIndex(
  entries: readonly { catchErrors: readonly FallbackErrorType[] }[],
  current: number,
  type: FallbackErrorType,
): number | undefined {
  for (let index = current + 1; index < entries.length; index++) {
    if (matchesErrorType(entries[index]!.catchErrors, type)) return index;
  }
  return undefined;
}
