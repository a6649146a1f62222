import { createOpenAI } from '@ai-sdk/openai';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { FallbackConfigError } from '../../src/config/index';
import { type FallbackTelemetry, withFallback } from '../../src/index';
import { fakeProviderForFile } from '../integration/helpers';

// Nothing is registered with @opentelemetry/api in this file: no global provider, no context manager.
const fake = fakeProviderForFile();

class PullReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

const chain = (telemetry?: FallbackTelemetry) =>
  withFallback(
    [
      { id: 'primary', model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat('gpt-primary') },
      { id: 'backup', model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat('gpt-backup') },
    ],
    { maxRetriesPerModel: 0, circuitBreaker: false, ...(telemetry === undefined ? {} : { telemetry }) },
  );

describe('telemetry without a registered provider', () => {
  it('records nothing and the call works', async () => {
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('opentelemetry.js.api.1')]).toBeUndefined();
    fake.setScript({ 'gpt-primary': 'server-error' });
    const result = await generateText({ model: chain(), prompt: 'Say hello.', maxRetries: 0 });
    expect(result.providerMetadata?.fallback).toMatchObject({ servedBy: { id: 'backup' } });
  });

  it('a tracer and a meter given in the options are used, and the attempts are children of the call', async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('app');
    const reader = new PullReader();
    const meter = new MeterProvider({ readers: [reader] }).getMeter('app');
    fake.setScript({ 'gpt-primary': 'server-error' });
    await generateText({ model: chain({ tracer, meter, recordErrors: false }), prompt: 'Say hello.', maxRetries: 0 });

    const spans = exporter.getFinishedSpans();
    const call = spans.find(span => span.name === 'ai_sdk_fallback.call')!;
    const attempts = spans.filter(span => span.name === 'ai_sdk_fallback.attempt');
    expect(attempts.map(span => span.parentSpanContext?.spanId)).toEqual([
      call.spanContext().spanId,
      call.spanContext().spanId,
    ]);
    // recordErrors: false: the failed attempt's status says what kind of failure, not the provider's words.
    expect(attempts[0]!.status).toEqual({ code: 2, message: 'provider-unavailable' });
    const { resourceMetrics } = await reader.collect();
    const names = resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics.map(metric => metric.descriptor.name));
    expect(names).toEqual(expect.arrayContaining(['ai_sdk_fallback.calls', 'ai_sdk_fallback.attempts']));
  });

  it('a tracer or meter without the methods the chain calls is refused at construction', () => {
    expect(() => chain({ tracer: {} as never })).toThrow(FallbackConfigError);
    expect(() => chain({ tracer: {} as never })).toThrow(/telemetry\.tracer: expected an OpenTelemetry Tracer/);
    expect(() => chain({ meter: { createCounter() {} } as never })).toThrow(/telemetry\.meter/);
    expect(() => chain({ enabled: 'yes' as never })).toThrow(/telemetry\.enabled: expected true or false/);
    expect(() => chain({ recordError: true } as never)).toThrow(/recordErrors/);
  });
});
