export { FallbackCircuitOpenError } from './errors/circuit-open-error';
export { classifyError } from './errors/classify-error';
export { FallbackEmptyResponseError } from './errors/empty-response-error';
export { FallbackExhaustedError, type FallbackExhaustedReason } from './errors/fallback-exhausted-error';
export { FallbackTimeoutError, type FallbackTimeoutKind } from './errors/fallback-timeout-error';
export { FallbackMixedDimensionsError } from './errors/mixed-dimensions-error';
export { redactSecrets } from './errors/redact';
export { FallbackResultError } from './errors/result-error';
export { getRetryAfterMs } from './errors/retry-after';
export { type FallbackMiddlewareConfig, fallbackMiddleware } from './fallback-middleware';
export type { HealthStore, HealthStoreSetOptions } from './health/health-store';
export { memoryHealthStore } from './health/memory-health-store';
export type {
  FallbackAttempt,
  FallbackBackoff,
  FallbackCallContext,
  FallbackCallOptions,
  FallbackCaughtError,
  FallbackCheckContext,
  FallbackCheckResult,
  FallbackCircuitBreaker,
  FallbackCircuitCloseEvent,
  FallbackCircuitOpenEvent,
  FallbackCircuitReason,
  FallbackClassifyContext,
  FallbackCommit,
  FallbackConfig,
  FallbackEmbeddingSettings,
  FallbackEntry,
  FallbackEntryRef,
  FallbackEntrySettings,
  FallbackEventHook,
  FallbackExhaustedEvent,
  FallbackHedge,
  FallbackHedgeEvent,
  FallbackImageSettings,
  FallbackKindSettings,
  FallbackKindSettingsBase,
  FallbackLogger,
  FallbackMetadata,
  FallbackModel,
  FallbackModelKind,
  FallbackPartTag,
  FallbackPreparePrompt,
  FallbackPrompt,
  FallbackPromptContext,
  FallbackRerankingSettings,
  FallbackResult,
  FallbackRetryEvent,
  FallbackSkip,
  FallbackSpeechSettings,
  FallbackSuccessEvent,
  FallbackSwitchEvent,
  FallbackTelemetry,
  FallbackTimeouts,
  FallbackTranscriptionSettings,
  FallbackUsage,
  FallbackVideoSettings,
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetryContext,
  TelemetryInstrumentOptions,
  TelemetryMeter,
  TelemetryRecorder,
  TelemetrySpan,
  TelemetryTracer,
} from './types';
export { FallbackErrorType } from './types/error-type';
export type { FallbackLanguageModel } from './versions/fallback-language-model';
export type {
  FallbackAudioModel,
  FallbackEmbeddingModel,
  FallbackImageModel,
  FallbackRerankingModel,
  FallbackVideoModel,
} from './versions/kinds/fallback-kind-models';
export { withFallback } from './with-fallback';
