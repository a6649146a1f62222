import { FallbackConfigError } from '../errors/fallback-config-error';

type ProcessLike = { env?: Record<string, string | undefined>; getBuiltinModule?: (id: string) => unknown };

// `ai-sdk-fallback/config` imports no Node built-in, so it loads on Edge runtimes (no `node:` modules,
// maybe no `process`). The few things that need Node (reading a file, loading a provider package by
// name) ask for a built-in when they run, through `process.getBuiltinModule` (Node >= 22.3).
const processLike = (): ProcessLike | undefined => (globalThis as { process?: ProcessLike }).process;

/** `process.env` where there is one (Node, Next.js Edge), else an empty environment. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return processLike()?.env ?? {};
}

/**
 * The Node built-in `id` (e.g. `node:fs`), loaded when asked for. Where there
 * is none (an Edge runtime), a {@link FallbackConfigError} says what needs it
 * and what to do instead.
 */
export function nodeBuiltin<T>(id: string, where: string, instead: string): T {
  let loaded: unknown;
  try {
    loaded = processLike()?.getBuiltinModule?.(id);
  } catch {
    // Next.js Edge defines every `process` method, each one throwing.
  }
  if (loaded === undefined) {
    const message = `needs Node.js (${id}), which this runtime does not have; ${instead}`;
    throw new FallbackConfigError(`${where}: ${message}`, { issues: [{ path: '', message }] });
  }
  return loaded as T;
}
