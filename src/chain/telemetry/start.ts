import type { FallbackCallContext } from '../../types';
import type { FallbackTelemetry, TelemetryMeter, TelemetryTracer } from '../../types/telemetry';
import { CallTrace } from './call-trace';
import { instrumentsOf } from './instruments';
import { globalMeter, globalTracer, otelGlobals } from './otel-globals';

/** `telemetry` with its defaults applied; `false` when turned off. */
export type ResolvedTelemetry =
  | false
  | { tracer: TelemetryTracer | undefined; meter: TelemetryMeter | undefined; recordErrors: boolean };

export function resolveTelemetry(
  config: FallbackTelemetry | undefined,
  defaults: { enabled: boolean; recordErrors: boolean },
): ResolvedTelemetry {
  if (!(config?.enabled ?? defaults.enabled)) return false;
  return { tracer: config?.tracer, meter: config?.meter, recordErrors: config?.recordErrors ?? defaults.recordErrors };
}

/**
 * A call's trace, or `undefined` when there is nowhere to record it: no
 * tracer or meter given, and none registered with `@opentelemetry/api`. That
 * check is all a call pays when telemetry is off.
 */
export function startCallTrace(
  telemetry: ResolvedTelemetry,
  context: FallbackCallContext,
  entries: number,
): CallTrace | undefined {
  if (telemetry === false) return undefined;
  const globals = otelGlobals();
  const tracer = telemetry.tracer ?? globalTracer(globals);
  const meter = telemetry.meter ?? globalMeter(globals);
  if (tracer === undefined && meter === undefined) return undefined;
  return new CallTrace(
    {
      tracer,
      instruments: meter === undefined ? undefined : instrumentsOf(meter),
      contextManager: globals?.context,
      recordErrors: telemetry.recordErrors,
    },
    context,
    entries,
  );
}
