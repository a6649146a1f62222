import { registerSecret } from '../errors/known-secrets';
import { AZURE_RESOURCE_NAME, type ParsedProviderEntry } from './config-schema';

/** What an entry needs from the environment to call its provider. */
export interface EntryCredentials {
  apiKey: string;
  /** Azure only: from the entry or `AZURE_RESOURCE_NAME`, when the entry has no base URL. */
  resourceName?: string;
}

/** A variable an entry needs that is not set (or not usable). */
export interface MissingSetting {
  variable: string;
  message: string;
}

const DEFAULT_KEY_ENV = {
  openai: 'OPENAI_API_KEY',
  azure: 'AZURE_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
} as const;

/** The environment variable an entry's API key is read from. */
export function apiKeyVariable(entry: ParsedProviderEntry): string {
  return entry.apiKeyEnv ?? DEFAULT_KEY_ENV[entry.provider];
}

/**
 * Reads an entry's API key (and Azure's resource name) from `env`. Empty
 * values count as missing. Messages name variables, never their values.
 * Every key read is registered as a secret, so it is redacted by value from
 * every message and log line of the process (see `redactSecrets`).
 */
export function resolveCredentials(
  entry: ParsedProviderEntry,
  env: Readonly<Record<string, string | undefined>>,
): { credentials?: EntryCredentials; missing: MissingSetting[] } {
  const missing: MissingSetting[] = [];
  const keyVariable = apiKeyVariable(entry);
  const apiKey = nonEmpty(env[keyVariable]);
  if (apiKey === undefined) {
    const hint = entry.apiKeyEnv === undefined ? ' (or name another variable with apiKeyEnv)' : '';
    missing.push({ variable: keyVariable, message: `no API key: set the environment variable ${keyVariable}${hint}` });
  } else {
    // Before the rest is checked: a chain that fails to build still leaves the key in this process.
    registerSecret(apiKey);
  }

  let resourceName = entry.resourceName;
  if (entry.provider === 'azure' && entry.baseURL === undefined && resourceName === undefined) {
    resourceName = nonEmpty(env.AZURE_RESOURCE_NAME);
    if (resourceName === undefined) {
      missing.push({
        variable: 'AZURE_RESOURCE_NAME',
        message:
          'no Azure endpoint: set the environment variable AZURE_RESOURCE_NAME, or give the entry a baseURL or resourceName',
      });
    } else if (!AZURE_RESOURCE_NAME.test(resourceName)) {
      missing.push({
        variable: 'AZURE_RESOURCE_NAME',
        message:
          'AZURE_RESOURCE_NAME is not an Azure resource name (one DNS label: letters, digits, hyphens); use baseURL for other endpoints',
      });
    }
  }

  if (missing.length > 0 || apiKey === undefined) return { missing };
  return { credentials: resourceName === undefined ? { apiKey } : { apiKey, resourceName }, missing };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
