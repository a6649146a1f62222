import { FallbackConfigError } from '../errors/fallback-config-error';

/**
 * Gives each entry of a chain its id: the user's, or `provider:modelId`
 * with `#2`, `#3` … for repeats. A user id given twice is refused, naming
 * the entry (`where`: the caller and the entries' root, for the message).
 */
export function entryIds(
  entries: readonly { id?: string | undefined; model: { provider: string; modelId: string } }[],
  { caller, root }: { caller: string; root: string },
): string[] {
  const used = new Map<string, number>();
  return entries.map((entry, position) => {
    const base = entry.id ?? `${entry.model.provider}:${entry.model.modelId}`;
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    if (seen > 1 && entry.id !== undefined) {
      const message = `'${entry.id}' is already used by another entry; ids must be unique`;
      throw new FallbackConfigError(`${caller}: ${root}[${position}].id: ${message}`, {
        issues: [{ path: `${root}[${position}].id`, message }],
      });
    }
    return seen > 1 ? `${base}#${seen}` : base;
  });
}
