import { FallbackConfigError } from '../errors/fallback-config-error';
import type { FallbackProviderName } from './config-types';
import { nodeBuiltin } from './node-builtins';

/** The package and factory behind each provider name. */
export const PROVIDER_PACKAGES = {
  openai: { packageName: '@ai-sdk/openai', factory: 'createOpenAI' },
  azure: { packageName: '@ai-sdk/azure', factory: 'createAzure' },
  openrouter: { packageName: '@openrouter/ai-sdk-provider', factory: 'createOpenRouter' },
} as const satisfies Record<FallbackProviderName, { packageName: string; factory: string }>;

/** A provider package's `create…` function, typed loosely: the packages are optional peers. */
// biome-ignore lint/suspicious/noExplicitAny: any `create…` function of a provider package fits, whatever its settings type.
export type ProviderFactory = (settings: any) => ProviderInstance;

/** The callable provider a factory returns, with its `chat` and `responses` model builders. */
export interface ProviderInstance {
  (modelId: string): unknown;
  chat(modelId: string): unknown;
  responses?: (modelId: string) => unknown;
}

/** How packages are loaded; tests pass one rooted where a package is missing. */
export type RequireFunction = (id: string) => unknown;

/**
 * A `require` rooted at this module, so packages resolve from where this
 * package is installed. tsup's CJS build turns `import.meta.url` into this
 * file's URL; the global `require` is not used because the ESM bundle
 * replaces it with a stub that throws. Loading synchronously keeps
 * `fallbackFromConfig` synchronous; the provider packages are ESM-only, which
 * `require` loads on Node >= 22.12. `node:module` is loaded here, not
 * imported, so the config entry loads where Node built-ins do not exist.
 */
export function defaultRequire(where: string): RequireFunction {
  const { createRequire } = nodeBuiltin<typeof import('node:module')>(
    'node:module',
    `fallbackFromConfig: ${where}`,
    "pass the provider package's factory in the options instead, e.g. providerFactories: { openai: createOpenAI }",
  );
  return createRequire(import.meta.url);
}

/**
 * Loads the factory of `provider` from its package, only when a config names
 * it. A missing package fails with the command that installs it.
 */
export function loadProviderFactory(
  provider: FallbackProviderName,
  where: string,
  load?: RequireFunction,
): ProviderFactory {
  const { packageName, factory } = PROVIDER_PACKAGES[provider];
  const required = load ?? defaultRequire(where);
  let module: unknown;
  try {
    module = required(packageName);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (isMissing(error, packageName)) {
      throw new FallbackConfigError(
        `fallbackFromConfig: ${where} uses provider '${provider}', which needs the package ${packageName}; it is not installed. Install it: npm install ${packageName}`,
        { issues: [{ path: where, message: `the package ${packageName} is not installed` }] },
      );
    }
    if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') {
      throw new FallbackConfigError(
        `fallbackFromConfig: ${where}: ${packageName} could not be loaded synchronously (${code}); Node.js 22.12 or later is needed`,
        { issues: [{ path: where, message: `${packageName} could not be loaded synchronously` }] },
      );
    }
    throw error;
  }
  const create = (module as Record<string, unknown> | null)?.[factory];
  if (typeof create !== 'function') {
    throw new FallbackConfigError(
      `fallbackFromConfig: ${where}: ${packageName} does not export ${factory}; install a version for AI SDK 7 (npm install ${packageName}@latest)`,
      { issues: [{ path: where, message: `${packageName} does not export ${factory}` }] },
    );
  }
  return create as ProviderFactory;
}

/** Not found as such, as opposed to one of its own dependencies missing (that error is rethrown as is). */
function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    new RegExp(`['"]${packageName.replace(/[/.]/g, '\\$&')}['"]`).test(message)
  );
}
