import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';

/** The model's stream rejects the pending read with `fail`, as a cut connection does. */
export interface Fail {
  fail: unknown;
}

/**
 * The stream stays open with a read pending until the call's abort signal
 * fires; then the read rejects with the signal's reason, as `fetch` does. The
 * test aborts the caller's signal once the model is here, so an abort always
 * lands at the same point without any timer. The label says where the gate
 * sits in the script.
 */
export interface Gate {
  gate: 'before-output' | 'after-output';
}

export type Step = LanguageModelV4StreamPart | Fail | Gate;

/** What `doGenerate` does: answer, reject, or wait for the caller's abort. */
export type GenerateScript = { result: LanguageModelV4GenerateResult } | { rejects: unknown } | Gate;

/** One scripted model behaviour, for `doStream` and (where it has a generate form) `doGenerate`. */
export interface Script {
  /** The parts `doStream`'s stream delivers, or the error `doStream` itself rejects with. */
  stream: Step[] | { rejects: unknown };
  /** Absent where the behaviour has no `doGenerate` form (a failure after output, a raw chunk). */
  generate?: GenerateScript;
}

/** Called when the model reaches a gate: the caller decides when to abort. */
export type OnGate = (gate: Gate['gate']) => void;

function waitForAbortOrCancel(signal: AbortSignal | undefined, cancelled: Promise<void>): Promise<void> {
  return new Promise<void>(resolve => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
    cancelled.then(resolve);
  });
}

/**
 * The scripted stream. `raw` parts are sent only when the call asked for
 * them, as providers do. It pulls one part per read (`highWaterMark: 0`), so
 * a gate is reached only when a consumer asks for what comes after it.
 */
function scriptedStream(
  steps: Step[],
  options: LanguageModelV4CallOptions,
  onGate: OnGate,
): ReadableStream<LanguageModelV4StreamPart> {
  const queue = steps.filter(step => !('type' in step && step.type === 'raw' && options.includeRawChunks !== true));
  let next = 0;
  let markCancelled = () => {};
  const cancelled = new Promise<void>(resolve => {
    markCancelled = resolve;
  });
  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      async pull(controller) {
        const step = queue[next++];
        if (step === undefined) return controller.close();
        if ('fail' in step) return controller.error(step.fail);
        if ('gate' in step) {
          onGate(step.gate);
          await waitForAbortOrCancel(options.abortSignal, cancelled);
          if (options.abortSignal?.aborted) controller.error(options.abortSignal.reason);
          return;
        }
        controller.enqueue(step);
      },
      cancel() {
        markCancelled();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A fresh model following `script` (a stream is read once, so each observation builds its own). */
export function scriptedModel(script: Script, onGate: OnGate = () => {}, modelId = 'mock-model-id') {
  return new MockLanguageModelV4({
    modelId,
    doStream: async options => {
      if (!Array.isArray(script.stream)) throw script.stream.rejects;
      return { stream: scriptedStream(script.stream, options, onGate), response: { headers: { 'x-mock': '1' } } };
    },
    doGenerate: async options => {
      const generate = script.generate;
      if (generate === undefined) throw new Error(`test setup: no generate form for ${modelId}`);
      if ('rejects' in generate) throw generate.rejects;
      if ('gate' in generate) {
        onGate(generate.gate);
        await waitForAbortOrCancel(options.abortSignal, new Promise(() => {}));
        throw options.abortSignal?.reason;
      }
      return generate.result;
    },
  });
}
