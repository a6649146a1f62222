import type { core } from 'zod/v4';

/** The part of a zod issue a message is built from. */
export type IssueLike = Pick<core.$ZodIssue, 'path' | 'message'>;

/**
 * Turns zod issues into one message that names each bad field by its path
 * (`models[1].catchErrors[0]`) and what was expected. Values are never
 * echoed: a field may hold a secret.
 */
export function formatIssues(prefix: string, root: string, issues: readonly IssueLike[]): string {
  const lines = issues.map(issue => `  ${formatPath(root, issue.path)}: ${issue.message}`);
  return `${prefix}:\n${lines.join('\n')}`;
}

/** `root` followed by `path` in JavaScript accessor notation; an empty `root` starts at the first key. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`),
    root,
  );
}
