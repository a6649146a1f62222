import { z } from 'zod/v4';

const bool = z.boolean({ error: 'expected true or false' }).optional();
const withMethods = (what: string, ...names: string[]) =>
  z
    .custom(
      value => names.every(name => typeof (value as Record<string, unknown> | null)?.[name] === 'function'),
      `expected an OpenTelemetry ${what} (an object with ${names.join(' and ')})`,
    )
    .optional();

/** `telemetry`: see `FallbackTelemetry`. The tracer and meter are checked for the methods the chain calls. */
export const telemetrySchema = z.strictObject({
  enabled: bool,
  tracer: withMethods('Tracer', 'startSpan'),
  meter: withMethods('Meter', 'createCounter', 'createHistogram'),
  recordErrors: bool,
});
