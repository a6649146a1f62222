import { FallbackConfigError } from '../errors/fallback-config-error';
import type { FallbackModel, FallbackModelKind } from '../types';
import type { ParsedProviderEntry } from './config-schema';
import type { FallbackProviderName } from './config-types';
import type { ProviderFactory } from './provider-packages';
import type { EntryCredentials } from './resolve-credentials';

/** An Azure model string split into its deployment and optional api version. */
export interface AzureDeployment {
  deployment: string;
  apiVersion?: string;
}

/** `'gpt-35-turbo|2024-02-15-preview'` → `{ deployment: 'gpt-35-turbo', apiVersion: '2024-02-15-preview' }`. */
export function splitAzureModel(model: string): AzureDeployment {
  const [deployment = '', apiVersion] = model.split('|').map(part => part.trim());
  return apiVersion === undefined ? { deployment } : { deployment, apiVersion };
}

const AZURE_HOST = /\.(?:openai\.azure\.com|services\.ai\.azure\.com|cognitiveservices\.azure\.com)$/i;

/**
 * An Azure endpoint given as the bare resource URL (`https://x.openai.azure.com/`)
 * gets the `/openai` prefix every Azure OpenAI path starts with; any other URL is kept.
 */
export function azureBaseURL(baseURL: string | undefined): string | undefined {
  if (baseURL === undefined) return undefined;
  const url = new URL(baseURL);
  return AZURE_HOST.test(url.hostname) && url.pathname.replace(/\/+$/, '') === '' ? `${url.origin}/openai` : baseURL;
}

/** The model builder of each kind, by provider (`undefined`: the package has no such models). */
const BUILDERS: Record<Exclude<FallbackModelKind, 'language'>, Partial<Record<FallbackProviderName, string>>> = {
  embedding: { openai: 'embedding', azure: 'embedding', openrouter: 'textEmbeddingModel' },
  image: { openai: 'image', azure: 'image', openrouter: 'imageModel' },
  speech: { openai: 'speech', azure: 'speech' },
  transcription: { openai: 'transcription', azure: 'transcription' },
  reranking: {},
  video: {},
};

/**
 * Builds one entry's model with its provider package's factory: a language
 * model (chat or Responses API), or a model of the chain's `kind`.
 */
export function buildProviderModel(
  entry: ParsedProviderEntry,
  credentials: EntryCredentials,
  create: ProviderFactory,
  fetch: typeof globalThis.fetch | undefined,
  kind: FallbackModelKind = 'language',
): FallbackModel {
  if (kind !== 'language') return buildKindModel(entry, credentials, create, fetch, kind);
  const common = { apiKey: credentials.apiKey, ...(fetch === undefined ? {} : { fetch }) };
  switch (entry.provider) {
    case 'openai': {
      const provider = create({ ...common, ...(entry.baseURL === undefined ? {} : { baseURL: entry.baseURL }) });
      return (
        entry.api === 'responses' ? provider.responses!(entry.model) : provider.chat(entry.model)
      ) as FallbackModel;
    }
    case 'azure': {
      const { deployment, apiVersion = entry.apiVersion } = splitAzureModel(entry.model);
      const baseURL = azureBaseURL(entry.baseURL);
      const provider = create({
        ...common,
        ...(baseURL === undefined ? { resourceName: credentials.resourceName } : { baseURL }),
        // An api version means the classic endpoint: /openai/deployments/<deployment>/…?api-version=<version>.
        ...(apiVersion === undefined ? {} : { apiVersion, useDeploymentBasedUrls: true }),
      });
      return (entry.api === 'responses' ? provider.responses!(deployment) : provider.chat(deployment)) as FallbackModel;
    }
    case 'openrouter': {
      const provider = create({ ...common, ...(entry.baseURL === undefined ? {} : { baseURL: entry.baseURL }) });
      return provider.chat(entry.model) as FallbackModel;
    }
  }
}

function buildKindModel(
  entry: ParsedProviderEntry,
  credentials: EntryCredentials,
  create: ProviderFactory,
  fetch: typeof globalThis.fetch | undefined,
  kind: Exclude<FallbackModelKind, 'language'>,
): FallbackModel {
  const common = { apiKey: credentials.apiKey, ...(fetch === undefined ? {} : { fetch }) };
  const builder = BUILDERS[kind][entry.provider];
  const azure = entry.provider === 'azure';
  const { deployment, apiVersion = entry.apiVersion } = azure
    ? splitAzureModel(entry.model)
    : { deployment: entry.model };
  const baseURL = azure ? azureBaseURL(entry.baseURL) : entry.baseURL;
  const provider = create({
    ...common,
    ...(baseURL === undefined ? (azure ? { resourceName: credentials.resourceName } : {}) : { baseURL }),
    ...(apiVersion === undefined ? {} : { apiVersion, useDeploymentBasedUrls: true }),
  }) as unknown as Record<string, ((modelId: string) => unknown) | undefined>;
  const build = builder === undefined ? undefined : provider[builder];
  if (typeof build !== 'function') {
    const message = `the ${entry.provider} provider package has no ${kind} models`;
    throw new FallbackConfigError(`fallbackFromConfig: ${message}`, { issues: [{ path: 'kind', message }] });
  }
  return build.call(provider, deployment) as FallbackModel;
}
