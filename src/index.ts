export { classifyError } from './errors/classify-error';
export { FallbackErrorType } from './errors/fallback-error-type';
export { FallbackExhaustedError, type FallbackExhaustedReason } from './errors/fallback-exhausted-error';
export { FallbackTimeoutError, type FallbackTimeoutKind } from './errors/fallback-timeout-error';
export { getRetryAfterMs } from './errors/retry-after';
export { type FallbackMiddlewareConfig, fallbackMiddleware } from './fallback-middleware';
export { FallbackCircuitOpenError } from './health/circuit-open-error';
export type { HealthStore, HealthStoreSetOptions } from './health/health-store';
export { memoryHealthStore } from './health/memory-health-store';
export type { FallbackLanguageModel } from './spec/fallback-language-model-type';
export type {
  FallbackAttempt,
  FallbackBackoff,
  FallbackCallContext,
  FallbackCaughtError,
  FallbackCircuitBreaker,
  FallbackCircuitCloseEvent,
  FallbackCircuitOpenEvent,
  FallbackCircuitReason,
  FallbackClassifyContext,
  FallbackConfig,
  FallbackEntry,
  FallbackEntryRef,
  FallbackEntrySettings,
  FallbackExhaustedEvent,
  FallbackLogger,
  FallbackMetadata,
  FallbackModel,
  FallbackRetryEvent,
  FallbackSkip,
  FallbackSuccessEvent,
  FallbackSwitchEvent,
  FallbackTimeouts,
} from './types';
export { withFallback } from './with-fallback';
