import type { z } from 'zod/v4';
import { nestedMatch } from '../errors/did-you-mean';

/** The keys the object schema at `path` accepts. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return Object.keys(shapeAt(schema, path) ?? {});
}

/** Where `key` belongs when it is an option of an object one level down (`totalMs` → `timeouts.totalMs`). */
export function nestedOption(schema: z.ZodType, path: readonly PropertyKey[], key: string): string | undefined {
  const groups = knownKeys(schema, path).map(name => ({ name, keys: knownKeys(schema, [...path, name]) }));
  return nestedMatch(key, groups);
}

function shapeAt(schema: z.ZodType, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const key of path) node = shapeOf(node)?.[String(key)];
  return shapeOf(node);
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let node = schema as { def?: { type?: string; innerType?: unknown; in?: unknown; out?: unknown }; shape?: unknown };
  // Through optional, pipe (preprocess) and refinement wrappers to the object.
  for (let depth = 0; depth < 8 && node !== undefined; depth++) {
    if (typeof node.shape === 'object' && node.shape !== null) return node.shape as Record<string, unknown>;
    const def = node.def;
    node = (def?.innerType ?? def?.out ?? undefined) as typeof node;
  }
  return undefined;
}
