import { streamText } from 'ai';
import { type FallbackChainConfig, type FallbackProviderConfig, fallbackFromConfig } from '../../src/config/index';
import type { FallbackMetadata } from '../../src/index';
import { DEMO_PROMPT } from './scenarios';
import type { Terminal } from './terminal';
import { entryForRequest, type TraceEntry, type TraceOutcome, TracePrinter } from './trace-printer';

/** A chain built from a config, with a printer listening to it. */
export interface TracedChain {
  printer: TracePrinter;
  entries: TraceEntry[];
  run(): Promise<TraceOutcome>;
}

/**
 * Builds the chain with `fallbackFromConfig`, wiring its events and a
 * request-announcing `fetch` into a {@link TracePrinter}. Throws the
 * library's `FallbackConfigError` for a bad config or missing keys.
 */
export function buildTracedChain(term: Terminal, config: FallbackChainConfig, env: NodeJS.ProcessEnv): TracedChain {
  const named = withIds(config);
  const entries = [...(named.primary ? [named.primary] : []), ...(named.providers ?? [])].map(entry => ({
    id: entry.id!,
    provider: entry.provider,
    model: entry.model,
  }));
  const printer = new TracePrinter(term, entries);
  const tracingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    printer.requestStarted(entryForRequest(entries, url, parseBody(init?.body)));
    return fetch(input, init);
  };
  const model = fallbackFromConfig(named, {
    env,
    fetch: tracingFetch,
    onRetry: printer.retry,
    onFallback: printer.fallback,
    onSuccess: printer.success,
    onExhausted: printer.exhausted,
    // A mid-stream continuation has no event of its own; the library's log line says it.
    logger: { warn: message => (message.includes('mid-stream') ? printer.note(message) : undefined) },
  });

  return {
    printer,
    entries,
    async run() {
      printer.start();
      const result = streamText({ model, prompt: DEMO_PROMPT, maxRetries: 0, onError: () => {} });
      let metadata: FallbackMetadata | undefined;
      let finishReason: string | undefined;
      let failed = false;
      let text = 0;
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          text += part.text.length;
          printer.text(part.text);
        } else if (part.type === 'error') {
          failed = true;
          printer.streamError(part.error);
        } else if (part.type === 'finish-step') {
          metadata = part.providerMetadata?.fallback as unknown as FallbackMetadata | undefined;
        } else if (part.type === 'finish') {
          finishReason = part.finishReason;
        }
      }
      const kind = !failed ? 'answer' : text > 0 ? 'partial' : 'error';
      const outcome: TraceOutcome = {
        kind,
        ...(metadata ? { metadata } : {}),
        ...(finishReason ? { finishReason } : {}),
      };
      printer.summary(outcome);
      return outcome;
    },
  };
}

/** Every entry gets an id (`provider:model` when the config has none), so the trace and the events agree. */
function withIds(config: FallbackChainConfig): FallbackChainConfig {
  const used = new Map<string, number>();
  const name = (entry: FallbackProviderConfig): FallbackProviderConfig => {
    if (entry.id !== undefined) return entry;
    const base = `${entry.provider}:${entry.model.split('|')[0]}`;
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return { ...entry, id: seen > 1 ? `${base}#${seen}` : base };
  };
  return {
    ...config,
    ...(config.primary ? { primary: name(config.primary) } : {}),
    ...(config.providers ? { providers: config.providers.map(name) } : {}),
  };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
