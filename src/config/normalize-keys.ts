/**
 * Field names that are not the plain camelCase of their snake_case spelling,
 * or that the original design spelled differently.
 */
const ALIASES: Readonly<Record<string, string>> = {
  modelName: 'model',
  baseUrl: 'baseURL',
  maxRetriesPerModel: 'maxRetriesPerProvider',
};

/** A field that was given under two spellings (`model` and `model_name`). */
export interface KeyConflict {
  /** Path of the object holding both, in the user's spelling. */
  path: PropertyKey[];
  keys: [string, string];
}

/** The config with every key in camelCase, and how to map paths back to the user's spelling. */
export interface NormalizedKeys {
  value: unknown;
  conflicts: KeyConflict[];
  /** A path into `value` (camelCase) spelled as the user wrote it (`providers[1].catch_errors[0]`). */
  originalPath(path: readonly PropertyKey[]): PropertyKey[];
}

/** `max_retries_per_provider` → `maxRetriesPerProvider`, `base_url` → `baseURL`, `model_name` → `model`. */
export function canonicalKey(key: string): string {
  const camel = key.includes('_') ? key.toLowerCase().replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key;
  return ALIASES[camel] ?? camel;
}

/** The snake_case spelling of a canonical key: `baseURL` → `base_url`. */
export function snakeKey(key: string): string {
  return key.replace(/URL/g, 'Url').replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

/**
 * Rewrites every object key of a parsed JSON config to its canonical camelCase
 * form, so one schema validates both spellings, and drops every field whose
 * value is `null`: null means "not set", as the original design's `Option`
 * fields serialize `None` (`"base_url": null`). Other values are left alone;
 * a null inside an array is kept (and refused by the schema).
 */
export function normalizeKeys(input: unknown): NormalizedKeys {
  const spellings = new WeakMap<object, Map<string, string>>();
  const conflicts: KeyConflict[] = [];

  const visit = (value: unknown, path: PropertyKey[]): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    const original = new Map<string, string>();
    const unset = new Map<string, string>();
    for (const [key, child] of Object.entries(value)) {
      const canonical = canonicalKey(key);
      if (child === null) {
        unset.set(canonical, key);
        continue;
      }
      const earlier = original.get(canonical);
      if (earlier !== undefined) {
        conflicts.push({ path, keys: [earlier, key] });
        continue;
      }
      original.set(canonical, key);
      out[canonical] = visit(child, [...path, key]);
    }
    // A required field given as null is missing: its error names it as written (`model_name`).
    for (const [canonical, key] of unset) if (!original.has(canonical)) original.set(canonical, key);
    spellings.set(out, original);
    return out;
  };

  const value = visit(input, []);
  return {
    value,
    conflicts,
    originalPath(path) {
      const result: PropertyKey[] = [];
      let node: unknown = value;
      for (const segment of path) {
        const spelled =
          typeof segment === 'string' && typeof node === 'object' && node !== null
            ? (spellings.get(node)?.get(segment) ?? segment)
            : segment;
        result.push(spelled);
        node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
      }
      return result;
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
