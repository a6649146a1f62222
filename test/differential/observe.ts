import type { LanguageModelV4 } from '@ai-sdk/provider';
import { vi } from 'vitest';
import type { Observation } from './call-options';
import type { Consumer } from './consumers';
import type { Row } from './rows';
import { type OnGate, type Script, scriptedModel } from './scripted-model';

/** Builds the model under test around a fresh scripted model (or several, for a chain). */
export type ModelUnderTest = (script: (script: Script, modelId?: string) => LanguageModelV4) => LanguageModelV4;

/**
 * Observes `row` once through `consumer`, with a fresh model, abort controller and recorder.
 * When the model reaches a gate (its next read pending), the caller aborts as soon as
 * everything already sent has been processed: `setImmediate` runs once the promise jobs of the
 * SDK's pipeline have drained (the scripted model does no I/O). That is the state a user's stop
 * button meets, and it is the same point for both sides without any timer.
 */
export async function observe(consumer: Consumer, row: Row, build: ModelUnderTest): Promise<unknown> {
  const controller = new AbortController();
  const onGate: OnGate = () => {
    setImmediate(() => controller.abort());
  };
  const observation: Observation = {
    model: build((script, modelId) => scriptedModel(script, onGate, modelId)),
    row,
    abortSignal: controller.signal,
    calls: [],
  };
  return consumer.observe(observation);
}

/**
 * The wrapper's default policy (retries included) without its waits, so that a row that
 * retries stays fast. Retrying the same scripted failure must not change what is observed.
 */
export const noWaits = { backoff: { initialDelayMs: 0, maxDelayMs: 0, jitter: false } } as const;

/**
 * Fixes the clocks the SDK reads without a seam (`new Date()` for default response
 * timestamps, `performance.now()` for tool durations) for the whole file; timers stay real.
 */
export function freezeClocks() {
  vi.useFakeTimers({ toFake: ['Date', 'performance'], now: new Date('2026-01-01T00:00:00.000Z') });
  // The SDK logs warnings (the scripted stream-start carries one) to the console by default.
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
}
