import type { TelemetryContext, TelemetryMeter, TelemetrySpan, TelemetryTracer } from '../../types/telemetry';

// The OpenTelemetry API keeps what the application registered (its tracer provider, meter provider and
// context manager) on `globalThis` under one symbol per major version. Reading it there, rather than
// importing `@opentelemetry/api`, keeps the package free of a runtime dependency and costs one property read
// per call when nothing is registered. The interfaces read here are those of every 1.x API.
const API_KEY = Symbol.for('opentelemetry.js.api.1');

/** The key under which every copy of the API keeps a context's span (`trace.getSpan` reads it). */
export const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');

/** A registered context manager: `AsyncLocalStorage`-based in Node, `@vercel/otel`'s in Next.js. */
export interface ContextManager {
  active(): TelemetryContext;
  with<R>(context: TelemetryContext, fn: () => R): R;
}

/** What an application registered with `@opentelemetry/api`. */
export interface OtelGlobals {
  trace?: { getTracer(name: string): TelemetryTracer };
  metrics?: { getMeter(name: string): TelemetryMeter };
  context?: ContextManager;
}

/** The registered globals, or `undefined` when the application registered nothing. */
export function otelGlobals(): OtelGlobals | undefined {
  return (globalThis as { [API_KEY]?: OtelGlobals })[API_KEY];
}

/** The instrumentation scope the spans and metrics are reported under. */
export const SCOPE = 'ai-sdk-fallback';

// One tracer and one meter per registered provider: a provider replaced (in tests, or by a re-registration)
// is asked again.
const made = new WeakMap<object, unknown>();

function once<PROVIDER extends object, T>(
  provider: PROVIDER | undefined,
  make: (provider: PROVIDER) => T,
): T | undefined {
  if (provider === undefined) return undefined;
  let value = made.get(provider) as T | undefined;
  if (value === undefined) {
    value = make(provider);
    made.set(provider, value);
  }
  return value;
}

export const globalTracer = (globals: OtelGlobals | undefined) => once(globals?.trace, p => p.getTracer(SCOPE));
export const globalMeter = (globals: OtelGlobals | undefined) => once(globals?.metrics, p => p.getMeter(SCOPE));

/** The context a span is the current span of: what a child span's parent is read from. */
export function withSpan(context: TelemetryContext | undefined, span: TelemetrySpan): TelemetryContext {
  return (context ?? ROOT).setValue(SPAN_KEY, span);
}

/** A context of `values`: the root one serves a tracer given without a registered context manager. */
function contextOf(values: Map<symbol, unknown>): TelemetryContext {
  return {
    getValue: key => values.get(key),
    setValue: (key, value) => contextOf(new Map(values).set(key, value)),
    deleteValue: key => {
      const rest = new Map(values);
      rest.delete(key);
      return contextOf(rest);
    },
  };
}

const ROOT = contextOf(new Map());
