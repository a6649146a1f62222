import { nextEntryIndex } from '../engine/next-entry';
import { type FallbackErrorType, matchesErrorType } from '../errors/fallback-error-type';

type Catching = { catchErrors: readonly FallbackErrorType[] };

/**
 * Where the chain goes after a failure (or a skip, which moves on as the
 * failure that opened the circuit would) at position `from`: the first later
 * entry that catches `type` and has not been called yet in this call.
 */
export function nextUntried(
  entries: readonly Catching[],
  from: number,
  type: FallbackErrorType,
  tried: ReadonlySet<number>,
): number | undefined {
  let position: number | undefined = from;
  do position = nextEntryIndex(entries, position, type);
  while (position !== undefined && tried.has(position));
  return position;
}

/**
 * When nothing is left to move to, the first entry this call skipped for an
 * open circuit and has not called: every remaining entry is open, so they
 * are tried anyway, in order, rather than failing the call without an
 * attempt. A skipped entry was reached legitimately, so it only has to catch
 * the last real failure (`lastType`), if there was one: a request error that
 * no entry catches still ends the call.
 */
export function lastResort(
  entries: readonly Catching[],
  skipped: readonly number[],
  tried: ReadonlySet<number>,
  lastType: FallbackErrorType | undefined,
): number | undefined {
  return [...skipped]
    .sort((a, b) => a - b)
    .find(
      position =>
        !tried.has(position) && (lastType === undefined || matchesErrorType(entries[position]!.catchErrors, lastType)),
    );
}
