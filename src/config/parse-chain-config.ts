import type { core } from 'zod/v4';
import { didYouMean, nestedMatch } from '../errors/did-you-mean';
import { FallbackConfigError } from '../errors/fallback-config-error';
import { formatIssues, formatPath, type IssueLike } from '../errors/format-issues';
import { chainConfigSchema, KNOWN_KEYS, type ParsedChainConfig } from './config-schema';
import { canonicalKey, normalizeKeys, snakeKey } from './normalize-keys';

/**
 * Validates a config written in camelCase or snake_case and returns it in
 * camelCase with error types as values. Throws a {@link FallbackConfigError}
 * naming every bad field as the config spells it.
 */
export function parseChainConfig(input: unknown, prefix: string): ParsedChainConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = 'expected an object such as { "providers": [{ "provider": "openai", "model": "gpt-4o" }] }';
    throw new FallbackConfigError(`${prefix}: ${message}`, { issues: [{ path: '', message }] });
  }
  const normalized = normalizeKeys(input);
  const issues: IssueLike[] = normalized.conflicts.map(({ path, keys: [first, second] }) => ({
    path: [...path, second],
    message: `given twice, as '${first}' and '${second}'; keep one`,
  }));

  const parsed = chainConfigSchema.safeParse(normalized.value);
  if (parsed.success && issues.length === 0) return parsed.data;
  const snakeCase = usesSnakeCase(input);
  for (const issue of parsed.error?.issues ?? []) issues.push(...explain(issue, normalized.originalPath, snakeCase));
  issues.sort((a, b) => compareOrder(configOrder(input, a.path), configOrder(input, b.path)));

  throw new FallbackConfigError(formatIssues(`${prefix}: invalid config`, '', issues), {
    issues: issues.map(issue => ({ path: formatPath('', issue.path), message: issue.message })),
  });
}

function explain(
  issue: core.$ZodIssue,
  originalPath: (path: readonly PropertyKey[]) => PropertyKey[],
  snakeCase: boolean,
): IssueLike[] {
  if (issue.code !== 'unrecognized_keys') return [{ path: originalPath(issue.path), message: issue.message }];
  return issue.keys.map(key => {
    const path = originalPath([...issue.path, key]);
    const spelled = String(path[path.length - 1]);
    return { path, message: unknownFieldMessage(spelled, issue.path, snakeCase) };
  });
}

/** Suggestions follow the key's own spelling; a one-word key follows the rest of the config. */
function unknownFieldMessage(key: string, at: readonly PropertyKey[], snakeCase: boolean): string {
  if (canonicalKey(key) === 'apiKey') {
    return 'API keys are not read from the config: put the key in an environment variable and name it with apiKeyEnv (api_key_env)';
  }
  const snake = key.includes('_') || (snakeCase && !/[A-Z]/.test(key));
  const spell = (name: string) => (snake ? snakeKey(name) : name);
  const spellings = knownKeys(at).map(spell);
  const suggestion = didYouMean(key, spellings);
  if (suggestion !== '') return `unknown field${suggestion}`;
  // A field of a nested object written one level up: `total_ms` is `timeouts.total_ms`.
  const groups = knownKeys(at).map(name => ({ name: spell(name), keys: knownKeys([...at, name]).map(spell) }));
  const below = nestedMatch(key, groups);
  if (below !== undefined) return `unknown field (did you mean '${below}'?)`;
  return `unknown field; expected one of ${spellings.map(name => `'${name}'`).join(', ')}`;
}

function usesSnakeCase(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesSnakeCase);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, child]) => key.includes('_') || usesSnakeCase(child));
}

/** Where a path points in the config as written: the position of each key or index on the way. */
function configOrder(input: unknown, path: readonly PropertyKey[]): number[] {
  const order: number[] = [];
  let node = input;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      order.push(segment);
    } else if (typeof node === 'object' && node !== null) {
      const position = Object.keys(node).indexOf(String(segment));
      order.push(position === -1 ? Number.MAX_SAFE_INTEGER : position);
    } else {
      break;
    }
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return a.length - b.length;
}

/** Which fields the object at `path` (canonical spelling) accepts. */
function knownKeys(path: readonly PropertyKey[]): readonly string[] {
  const last = path[path.length - 1];
  if (path.length === 0) return KNOWN_KEYS.root.filter(key => key !== '$schema');
  if (last === 'primary' || typeof last === 'number') return KNOWN_KEYS.entry;
  if (last === 'backoff') return KNOWN_KEYS.backoff;
  if (last === 'circuitBreaker') return KNOWN_KEYS.circuitBreaker;
  if (last === 'hedge') return KNOWN_KEYS.hedge;
  if (last === 'timeouts') return path.length === 1 ? KNOWN_KEYS.timeouts : KNOWN_KEYS.entryTimeouts;
  return [];
}
