import type { FallbackModel } from '../types';
import type { ParsedProviderEntry } from './config-schema';
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

/** Builds one entry's model with its provider package's factory. */
export function buildProviderModel(
  entry: ParsedProviderEntry,
  credentials: EntryCredentials,
  create: ProviderFactory,
  fetch: typeof globalThis.fetch | undefined,
): FallbackModel {
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
