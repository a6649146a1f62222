import { FallbackConfigError, type FallbackConfigIssue, issuesMessage } from '../errors/fallback-config-error';
import { redactSecrets } from '../errors/redact';
import type { FallbackConfig, FallbackEntry, FallbackModel } from '../types';
import { definedOnly } from '../util/defined-only';
import { buildProviderModel } from './build-provider-model';
import type { ParsedChainConfig, ParsedProviderEntry } from './config-schema';
import type { FallbackFromConfigOptions } from './config-types';
import { CONFIG_ENV_VAR, loadFallbackConfig } from './load-fallback-config';
import { processEnv } from './node-builtins';
import { parseChainConfig } from './parse-chain-config';
import { loadProviderFactory, type ProviderFactory, type RequireFunction } from './provider-packages';
import { type EntryCredentials, resolveCredentials } from './resolve-credentials';

const CALLER = 'fallbackFromConfig';

/** A configured chain: what `withFallback` is called with. */
export interface ResolvedChain {
  models: (FallbackModel | FallbackEntry)[];
  config: FallbackConfig;
}

/**
 * Everything `fallbackFromConfig` does before it hands the chain to
 * `withFallback`: validate, read keys, load provider packages, build each
 * model. Every failure is a {@link FallbackConfigError} thrown here, at
 * construction.
 *
 * @internal `load` lets tests load packages from a place where one is missing.
 */
export function resolveChainFromConfig(
  config: unknown,
  options: FallbackFromConfigOptions = {},
  load?: RequireFunction,
): ResolvedChain {
  const env = options.env ?? processEnv();
  if (config === undefined && (env[CONFIG_ENV_VAR] ?? '').trim() === '') {
    throw new FallbackConfigError(
      `${CALLER}: no config: pass one, or set ${CONFIG_ENV_VAR} to its JSON or the path of a JSON file`,
      { issues: [{ path: '', message: `${CONFIG_ENV_VAR} is not set` }], missingEnv: [CONFIG_ENV_VAR] },
    );
  }
  const parsed = parseChainConfig(config === undefined ? loadFallbackConfig(undefined, { env }) : config, CALLER);

  if ((parsed.kind ?? 'language') !== (options.kind ?? 'language')) {
    fail(
      'kind',
      `the config holds ${parsed.kind ?? 'language'} models, but options.kind expects ${options.kind ?? 'language'} models; say the same in both`,
    );
  }
  if (options.primary !== undefined && parsed.primary !== undefined) {
    fail('primary', 'the config has a primary and options.primary is set too; keep one');
  }
  const configured: { where: string; entry: ParsedProviderEntry }[] = [
    ...(parsed.primary === undefined ? [] : [{ where: 'primary', entry: parsed.primary }]),
    ...(parsed.providers ?? []).map((entry, index) => ({ where: `providers[${index}]`, entry })),
  ];
  if (configured.length === 0 && options.primary === undefined) {
    fail('providers', 'the chain is empty: expected a primary or at least one entry in providers');
  }
  // A disabled chain only ever calls its primary: the fallbacks need no keys.
  const needed =
    parsed.enabled === false && options.primary === undefined
      ? configured.slice(0, 1)
      : parsed.enabled === false
        ? []
        : configured;

  const credentials = new Map<string, EntryCredentials>();
  const missing: FallbackConfigIssue[] = [];
  const missingEnv: string[] = [];
  for (const { where, entry } of needed) {
    const found = resolveCredentials(entry, env);
    if (found.credentials) credentials.set(where, found.credentials);
    for (const { variable, message } of found.missing) {
      // The model names the entry for a human; redacted in case a key was pasted there.
      missing.push({ path: `${where} (${entry.provider} '${redactSecrets(entry.model)}')`, message });
      missingEnv.push(variable);
    }
  }
  if (missing.length > 0) {
    throw new FallbackConfigError(issuesMessage(`${CALLER}: missing settings`, missing), {
      issues: missing,
      missingEnv,
    });
  }

  const factories = new Map<string, ProviderFactory>();
  const models: (FallbackModel | FallbackEntry)[] = options.primary === undefined ? [] : [options.primary];
  for (const { where, entry } of needed) {
    let create = factories.get(entry.provider) ?? options.providerFactories?.[entry.provider];
    if (create === undefined) {
      create = loadProviderFactory(entry.provider, where, load);
      factories.set(entry.provider, create);
    }
    const model = buildProviderModel(entry, credentials.get(where)!, create, options.fetch, parsed.kind);
    const settings = definedOnly({ maxOutputTokens: entry.maxTokens, temperature: entry.temperature });
    models.push(
      definedOnly({
        model,
        id: entry.id,
        catchErrors: entry.catchErrors,
        maxRetries: entry.maxRetries,
        settings: Object.keys(settings).length === 0 ? undefined : settings,
        timeouts: entry.timeouts,
        commit: entry.commit,
        hedge: entry.hedge,
      }) as FallbackEntry,
    );
  }

  const chainConfig = definedOnly<FallbackConfig>({
    enabled: parsed.enabled,
    maxRetriesPerModel: parsed.maxRetriesPerProvider,
    retryOn: parsed.retryOn,
    backoff: parsed.backoff,
    maxRetryAfterMs: parsed.maxRetryAfterMs,
    timeouts: parsed.timeouts,
    midStream: parsed.midStream,
    commit: parsed.commit,
    checkResult: options.checkResult,
    circuitBreaker: circuitBreaker(parsed.circuitBreaker, options),
    kind: parsed.kind,
    allowMixedDimensions: parsed.allowMixedDimensions,
    hedge: parsed.hedge,
    classifyError: options.classifyError,
    onRetry: options.onRetry,
    onFallback: options.onFallback,
    onSuccess: options.onSuccess,
    onExhausted: options.onExhausted,
    onCircuitOpen: options.onCircuitOpen,
    onCircuitClose: options.onCircuitClose,
    onHedge: options.onHedge,
    logger: options.logger,
  });
  return { models, config: chainConfig };
}

function circuitBreaker(
  config: ParsedChainConfig['circuitBreaker'],
  { healthStore }: FallbackFromConfigOptions,
): FallbackConfig['circuitBreaker'] {
  if (config?.enabled === false) return false;
  const { enabled: _, ...settings } = config ?? {};
  if (config === undefined && healthStore === undefined) return undefined;
  return { ...settings, ...(healthStore === undefined ? {} : { store: healthStore }) };
}

function fail(path: string, message: string): never {
  throw new FallbackConfigError(`${CALLER}: invalid config:\n  ${path}: ${message}`, { issues: [{ path, message }] });
}
