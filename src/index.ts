export { withFallback } from './with-fallback';
export { fallbackMiddleware, type FallbackMiddlewareConfig } from './fallback-middleware';
export { FallbackErrorType } from './errors/fallback-error-type';
export { classifyError } from './errors/classify-error';
export { getRetryAfterMs } from './errors/retry-after';
export { FallbackExhaustedError, type FallbackExhaustedReason } from './errors/fallback-exhausted-error';
export { FallbackTimeoutError, type FallbackTimeoutKind } from './errors/fallback-timeout-error';
export type {
  FallbackAttempt,
  FallbackBackoff,
  FallbackCallContext,
  FallbackCaughtError,
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
  FallbackSuccessEvent,
  FallbackSwitchEvent,
  FallbackTimeouts,
} from './types';
