import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A reader that collects only when asked. */
class PullReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

/** A recorded span, as the tests read it. */
export interface SpanView {
  name: string;
  id: string;
  parentId: string | undefined;
  traceId: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message?: string };
  /** Epoch milliseconds. */
  startMs: number;
  endMs: number;
}

const toMs = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

function view(span: ReadableSpan): SpanView {
  return {
    name: span.name,
    id: span.spanContext().spanId,
    parentId: span.parentSpanContext?.spanId,
    traceId: span.spanContext().traceId,
    attributes: { ...span.attributes },
    events: span.events.map(event => ({ name: event.name, attributes: { ...event.attributes } })),
    status: { ...span.status },
    startMs: toMs(span.startTime),
    endMs: toMs(span.endTime),
  };
}

/** One metric data point: its attributes and its value (a sum, or a histogram's count). */
export interface PointView {
  attributes: Record<string, unknown>;
  value: number;
}

/**
 * The OpenTelemetry SDK registered globally for the test file, as an
 * application registers it: a tracer provider with an in-memory exporter, the
 * AsyncLocalStorage context manager and a meter provider. Each test starts
 * with no spans and fresh metrics.
 */
export function otelForFile() {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();
  let reader = new PullReader();
  let meterProvider: MeterProvider | undefined;
  const registerMeter = () => {
    reader = new PullReader();
    meterProvider = new MeterProvider({ readers: [reader] });
    metrics.disable();
    metrics.setGlobalMeterProvider(meterProvider);
  };
  beforeAll(() => {
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
    context.setGlobalContextManager(contextManager.enable());
    registerMeter();
  });
  afterEach(async () => {
    exporter.reset();
    await meterProvider?.shutdown();
    registerMeter();
  });
  afterAll(() => {
    trace.disable();
    context.disable();
    metrics.disable();
  });
  return {
    spans: (): SpanView[] => exporter.getFinishedSpans().map(view),
    /** The data points of metric `name`. */
    async points(name: string): Promise<PointView[]> {
      const { resourceMetrics } = await reader.collect();
      const found = resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics).find(m => m.descriptor.name === name);
      return (found?.dataPoints ?? []).map(point => ({
        attributes: { ...point.attributes },
        value: typeof point.value === 'number' ? point.value : (point.value as { count: number }).count,
      }));
    },
  };
}

/** Every string recorded in `spans`: names, attribute keys and values, events, status messages. */
export function recordedText(spans: readonly SpanView[]): string {
  return JSON.stringify(spans);
}
