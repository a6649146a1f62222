import { FallbackConfigError } from '../errors/fallback-config-error';
import type { FallbackChainConfig } from './config-types';
import { nodeBuiltin, processEnv } from './node-builtins';
import { parseChainConfig } from './parse-chain-config';

/** The environment variable that holds a config's JSON, or the path of a JSON file. */
export const CONFIG_ENV_VAR = 'AI_SDK_FALLBACK_CONFIG';

/**
 * Reads and validates a JSON config (camelCase or snake_case) and returns it
 * in camelCase, fields given as `null` left out (null means "not set"). Without `path`, reads `AI_SDK_FALLBACK_CONFIG`, which may
 * hold the JSON itself or the path of a file. Relative paths resolve against
 * the working directory. Throws a {@link FallbackConfigError} naming the file
 * and every bad field; neither the file's content nor the variable's value is
 * ever quoted.
 */
export function loadFallbackConfig(
  path?: string,
  { env = processEnv() }: { env?: Readonly<Record<string, string | undefined>> } = {},
): FallbackChainConfig {
  const { text, source } = path === undefined ? fromEnv(env) : fromFile(path, `'${path}'`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = `not valid JSON${jsonErrorPosition(error)}`;
    throw new FallbackConfigError(`loadFallbackConfig: ${source}: ${message}`, { issues: [{ path: '', message }] });
  }
  return parseChainConfig(json, `loadFallbackConfig: ${source}`) as FallbackChainConfig;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): { text: string; source: string } {
  const value = env[CONFIG_ENV_VAR]?.trim();
  if (value === undefined || value === '') {
    throw new FallbackConfigError(
      `loadFallbackConfig: no config: pass the path of a JSON file, or set ${CONFIG_ENV_VAR} to the JSON or its path`,
      { issues: [{ path: '', message: `${CONFIG_ENV_VAR} is not set` }], missingEnv: [CONFIG_ENV_VAR] },
    );
  }
  if (value.startsWith('{')) return { text: value, source: CONFIG_ENV_VAR };
  // The value is never echoed: a variable meant for a path may hold something secret by mistake.
  return fromFile(value, `the file named by ${CONFIG_ENV_VAR}`);
}

function fromFile(path: string, source: string): { text: string; source: string } {
  const fs = nodeBuiltin<typeof import('node:fs')>(
    'node:fs',
    `loadFallbackConfig: ${source}`,
    `read the file in your own code, or set ${CONFIG_ENV_VAR} to the JSON itself`,
  );
  try {
    // Relative to the working directory, as `path.resolve` would: `readFileSync` does the same.
    return { text: fs.readFileSync(path, 'utf8'), source };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : `cannot be read (${typeof code === 'string' ? code : 'error'})`;
    throw new FallbackConfigError(`loadFallbackConfig: ${source}: ${reason}`, {
      issues: [{ path: '', message: reason }],
    });
  }
}

/** " at line 3 column 5" from V8's message, which otherwise may quote the text around the error. */
function jsonErrorPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return ` at line ${lineColumn[1]} column ${lineColumn[2]}`;
  const position = /at position (\d+)/.exec(message);
  if (position) return ` at character ${position[1]}`;
  return /end of JSON input/i.test(message) ? ' (it ends too early)' : '';
}
