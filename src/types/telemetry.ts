// The few OpenTelemetry shapes the chain uses, written out so that neither the package nor its types import
// `@opentelemetry/api`: a `Tracer` and a `Meter` of any 1.x API are assignable to these.

/** An attribute value as OpenTelemetry takes it. */
export type TelemetryAttributeValue = string | number | boolean;

/** Attributes of a span, an event or a measurement. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue | undefined>;

/** An OpenTelemetry `Context` (the part the chain uses). */
export interface TelemetryContext {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): TelemetryContext;
  deleteValue(key: symbol): TelemetryContext;
}

/** An OpenTelemetry `Span` (the part the chain uses). */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  addEvent(name: string, attributes?: TelemetryAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
  isRecording(): boolean;
}

/** An OpenTelemetry `Tracer` (the part the chain uses): pass `trace.getTracer('my-app')`. */
export interface TelemetryTracer {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: TelemetryAttributes },
    context?: TelemetryContext,
  ): TelemetrySpan;
}

/** An OpenTelemetry `Meter` (the part the chain uses): pass `metrics.getMeter('my-app')`. */
export interface TelemetryMeter {
  createCounter(name: string, options?: TelemetryInstrumentOptions): TelemetryRecorder<'add'>;
  createHistogram(name: string, options?: TelemetryInstrumentOptions): TelemetryRecorder<'record'>;
}

/** How an instrument is described to the meter. */
export interface TelemetryInstrumentOptions {
  description?: string;
  unit?: string;
}

/** A counter (`add`) or a histogram (`record`). */
export type TelemetryRecorder<METHOD extends 'add' | 'record'> = {
  [name in METHOD]: (value: number, attributes?: TelemetryAttributes) => void;
};

/**
 * OpenTelemetry spans and metrics for each call and attempt (see docs/telemetry.md).
 * Recorded only when `@opentelemetry/api` has a registered tracer or meter
 * provider, or `tracer` / `meter` is given; otherwise nothing is recorded.
 */
export interface FallbackTelemetry {
  /** `false`: record nothing, even with a registered provider. Default true. */
  enabled?: boolean;
  /** Used instead of the global tracer provider's. */
  tracer?: TelemetryTracer;
  /** Used instead of the global meter provider's. */
  meter?: TelemetryMeter;
  /**
   * A failed attempt's span status carries the error's redacted one-line
   * description. `false`: only its error type. Default true.
   */
  recordErrors?: boolean;
}
