export { FallbackConfigError, type FallbackConfigIssue } from '../errors/fallback-config-error';
export type {
  FallbackChainConfig,
  FallbackFromConfigOptions,
  FallbackProviderConfig,
  FallbackProviderName,
} from './config-types';
export type { FallbackErrorTypeName } from './error-type-name';
export { fallbackFromConfig } from './fallback-from-config';
export { CONFIG_ENV_VAR, loadFallbackConfig } from './load-fallback-config';
