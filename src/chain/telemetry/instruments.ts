import type { TelemetryMeter, TelemetryRecorder } from '../../types/telemetry';

/** The package's metrics on one meter. */
export interface Instruments {
  /** Every attempt, by entry, provider, model, outcome and error type. */
  attempts: TelemetryRecorder<'add'>;
  /** Every call, by operation, outcome and the entry that served it. */
  calls: TelemetryRecorder<'add'>;
  /** How long an attempt took, in ms; for a served stream, until the stream ended. */
  attemptDuration: TelemetryRecorder<'record'>;
  /** From a streaming attempt's start to its first output part, in ms. */
  timeToFirstOutput: TelemetryRecorder<'record'>;
  /** Tokens reported, by entry, kind (input, output) and whether the attempt served (`wasted: false`). */
  tokens: TelemetryRecorder<'add'>;
}

const made = new WeakMap<TelemetryMeter, Instruments>();
const MS = { unit: 'ms' };

/** The instruments of `meter`, created once. What each counts is written in docs/telemetry.md. */
export function instrumentsOf(meter: TelemetryMeter): Instruments {
  let instruments = made.get(meter);
  if (instruments === undefined) {
    instruments = {
      attempts: meter.createCounter('ai_sdk_fallback.attempts'),
      calls: meter.createCounter('ai_sdk_fallback.calls'),
      attemptDuration: meter.createHistogram('ai_sdk_fallback.attempt.duration', MS),
      timeToFirstOutput: meter.createHistogram('ai_sdk_fallback.time_to_first_output', MS),
      tokens: meter.createCounter('ai_sdk_fallback.tokens'),
    };
    made.set(meter, instruments);
  }
  return instruments;
}
