import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import type { FallbackMetadata } from '../../src/index';
import { callPrompt } from './soak-plan';

/** What the application saw of one call. */
export interface CallRecord {
  text: string;
  /** Stream `error` parts (empty for `generateText`). */
  errors: unknown[];
  /** What `generateText` rejected with, or what iterating the stream threw. */
  thrown: unknown;
  finishReason: string | undefined;
  fallback: FallbackMetadata | undefined;
  durationMs: number;
  /** The call outlived its budget by far and the soak aborted it. */
  hung: boolean;
}

/**
 * Runs call `index` as an application would: the SDK's retries off (the chain owns them), a
 * no-op `onError` so error parts do not flood the console. A watchdog aborts a call that
 * outlives `watchdogMs`, so a hang is reported as a failure instead of stalling the soak.
 */
export async function runSoakCall(
  model: LanguageModelV4,
  operation: 'generate' | 'stream',
  index: number,
  watchdogMs: number,
): Promise<CallRecord> {
  const started = performance.now();
  const watchdog = new AbortController();
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    watchdog.abort(new Error(`soak watchdog: call #${index} still running after ${watchdogMs} ms`));
  }, watchdogMs);
  const record: CallRecord = {
    text: '',
    errors: [],
    thrown: undefined,
    finishReason: undefined,
    fallback: undefined,
    durationMs: 0,
    hung: false,
  };
  const base = { model, prompt: callPrompt(index), maxRetries: 0, abortSignal: watchdog.signal };

  try {
    if (operation === 'generate') {
      const result = await generateText(base);
      record.text = result.text;
      record.finishReason = result.finishReason;
      record.fallback = result.providerMetadata?.fallback as FallbackMetadata | undefined;
    } else {
      const result = streamText({ ...base, onError: () => {} });
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') record.text += part.text;
        else if (part.type === 'error') record.errors.push(part.error);
        else if (part.type === 'finish-step')
          record.fallback = part.providerMetadata?.fallback as FallbackMetadata | undefined;
        else if (part.type === 'finish') record.finishReason = part.finishReason;
      }
    }
  } catch (error) {
    record.thrown = error;
  } finally {
    clearTimeout(timer);
  }
  record.durationMs = performance.now() - started;
  record.hung = hung;
  return record;
}
