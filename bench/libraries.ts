import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { NoopSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { LanguageModel } from 'ai';
import { createFallback } from 'ai-fallback';
import { createRetryableModel } from 'ai-retry/language-model';
import { core } from './core';
import { inMemoryModel } from './in-memory-models';

const { withFallback } = core;

/** The libraries compared, `direct` being the model called without any wrapper. */
export type LibraryKey = 'direct' | 'ai-sdk-fallback' | 'ai-sdk-fallback-traced' | 'ai-fallback' | 'ai-retry';

/** A wrapped model as the benchmarks drive it: through `ai` and at the provider spec level. */
export interface BenchModel {
  /** What `generateText` / `streamText` receive. */
  model: LanguageModel;
  doGenerate(options: LanguageModelV4CallOptions): PromiseLike<unknown>;
  doStream(options: LanguageModelV4CallOptions): PromiseLike<{ stream: ReadableStream<unknown> }>;
}

/** One library in the overhead benchmarks: a primary and one fallback that is never needed. */
export interface OverheadLibrary {
  key: LibraryKey;
  label: string;
  wrap(primary: LanguageModelV4, fallback: LanguageModelV4): BenchModel;
}

function benchModel(model: LanguageModelV4): BenchModel {
  return {
    model,
    doGenerate: options => model.doGenerate(options),
    doStream: options => model.doStream(options),
  };
}

/**
 * Each library with its defaults: the configuration a user starts from when
 * nothing fails. In the order of the table's columns; ai-fallback 3.x
 * implements spec v4 (AI SDK 7) itself, so every wrapper takes and returns V4 models.
 */
export const overheadLibraries: readonly OverheadLibrary[] = [
  { key: 'direct', label: 'direct (no wrapper)', wrap: primary => benchModel(primary) },
  {
    key: 'ai-sdk-fallback',
    label: 'ai-sdk-fallback',
    wrap: (primary, fallback) => benchModel(withFallback([primary, fallback])),
  },
  {
    key: 'ai-sdk-fallback-traced',
    label: 'ai-sdk-fallback, tracer and meter on',
    wrap: (primary, fallback) => benchModel(withFallback([primary, fallback], { telemetry: telemetry() })),
  },
  {
    key: 'ai-retry',
    label: 'ai-retry',
    wrap: (primary, fallback) => benchModel(createRetryableModel({ model: primary, retries: [fallback] })),
  },
  {
    key: 'ai-fallback',
    label: 'ai-fallback',
    wrap: (primary, fallback) => benchModel(createFallback({ models: [primary, fallback] })),
  },
];

/** A meter reader nobody collects from: measurements are aggregated in memory, as between two exports. */
class IdleReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/**
 * The OpenTelemetry SDK as an app runs it, given to this chain alone (the other columns must not trace):
 * every span sampled and recorded, then dropped instead of exported (the exporter's cost is the app's), the
 * metrics aggregated, and the AsyncLocalStorage context manager registered globally as a Node app has it.
 * With no tracer or meter registered, the other columns read the context manager but record nothing.
 */
function telemetry() {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return {
    tracer: new TracerProvider({ spanProcessors: [new NoopSpanProcessor()] }).getTracer('bench'),
    meter: new MeterProvider({ readers: [new IdleReader()] }).getMeter('bench'),
  };
}

/** One library set up for the failover scenarios. */
export interface FailoverSetup {
  key: string;
  library: Exclude<LibraryKey, 'direct'>;
  label: string;
  /** Bar colour in the chart. */
  color: string;
  /** The configuration as written in BENCHMARKS.md. */
  configuration: string;
  create(primary: LanguageModelV4, fallback: LanguageModelV4): LanguageModel;
  /** The per-call signal a library needs for its timeout (a fresh one per call). */
  callSignal?: () => AbortSignal;
}

/** The 1 s timeout each library is given where it has one. */
export const TIMEOUT_MS = 1000;

/**
 * The failover configurations, each as its README recommends for "fall back to
 * another model when the primary fails", with a 1 s timeout where the library
 * has one. `maxRetries: 0` is passed to `generateText` for every library, as
 * all three READMEs recommend.
 */
export function failoverSetups(): FailoverSetup[] {
  const hasCircuitBreaker = supportsCircuitBreaker();
  const setups: FailoverSetup[] = [
    {
      key: 'ai-sdk-fallback',
      library: 'ai-sdk-fallback',
      label: 'ai-sdk-fallback (defaults)',
      color: '#0550ae',
      configuration: `withFallback([primary, fallback], { timeouts: { requestMs: ${TIMEOUT_MS}, firstChunkMs: ${TIMEOUT_MS} } })
// defaults: maxRetriesPerModel 2, retryOn rate-limit / provider-unavailable / network,
// backoff 500 ms x2 with jitter, Retry-After honoured up to 10 s${hasCircuitBreaker ? ',\n// circuit breaker on (3 failures open it for 30 s)' : ''}`,
      create: (primary, fallback) =>
        withFallback([primary, fallback], { timeouts: { requestMs: TIMEOUT_MS, firstChunkMs: TIMEOUT_MS } }),
    },
    {
      key: 'ai-sdk-fallback-no-retry',
      library: 'ai-sdk-fallback',
      label: 'ai-sdk-fallback (maxRetriesPerModel: 0)',
      color: '#218bff',
      configuration: `withFallback([primary, fallback], {
  maxRetriesPerModel: 0,
  timeouts: { requestMs: ${TIMEOUT_MS}, firstChunkMs: ${TIMEOUT_MS} },
})`,
      create: (primary, fallback) =>
        withFallback([primary, fallback], {
          maxRetriesPerModel: 0,
          timeouts: { requestMs: TIMEOUT_MS, firstChunkMs: TIMEOUT_MS },
        }),
    },
  ];
  if (hasCircuitBreaker) {
    setups.push({
      key: 'ai-sdk-fallback-no-breaker',
      library: 'ai-sdk-fallback',
      label: 'ai-sdk-fallback (circuitBreaker: false)',
      color: '#6e7781',
      configuration: `withFallback([primary, fallback], {
  circuitBreaker: false,
  timeouts: { requestMs: ${TIMEOUT_MS}, firstChunkMs: ${TIMEOUT_MS} },
})`,
      create: (primary, fallback) =>
        withFallback([primary, fallback], {
          circuitBreaker: false,
          timeouts: { requestMs: TIMEOUT_MS, firstChunkMs: TIMEOUT_MS },
        } as Parameters<typeof withFallback>[1]),
    });
  }
  setups.push(
    {
      key: 'ai-fallback',
      library: 'ai-fallback',
      label: 'ai-fallback',
      color: '#bc4c00',
      configuration: `createFallback({ models: [primary, fallback] })
// no timeout option; modelResetInterval default (3 min): after a failure it stays on the fallback`,
      create: (primary, fallback) => createFallback({ models: [primary, fallback] }),
    },
    {
      key: 'ai-retry',
      library: 'ai-retry',
      label: 'ai-retry',
      color: '#8250df',
      configuration: `createRetryableModel({ model: primary, retries: [{ model: fallback, timeout: ${TIMEOUT_MS} }] })
// + generateText({ ..., abortSignal: AbortSignal.timeout(${TIMEOUT_MS}) }): the primary's deadline
//   (README "Retry timeouts"); default reset 'after-request': every request starts on the primary`,
      create: (primary, fallback) =>
        createRetryableModel({ model: primary, retries: [{ model: fallback, timeout: TIMEOUT_MS }] }),
      callSignal: () => AbortSignal.timeout(TIMEOUT_MS),
    },
  );
  return setups;
}

/** Whether this build has the circuit breaker (it is on by default where it exists). */
export function supportsCircuitBreaker(): boolean {
  try {
    withFallback([inMemoryModel('probe')], { circuitBreaker: false } as Parameters<typeof withFallback>[1]);
    return true;
  } catch {
    return false;
  }
}
