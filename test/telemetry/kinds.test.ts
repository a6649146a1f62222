import { createOpenAI } from '@ai-sdk/openai';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { fakeProviderForFile } from '../integration/helpers';

const fake = fakeProviderForFile();

describe('telemetry of the other kinds', () => {
  it('an embedMany through the chain records one ended call span per request, operation embed, with its attempts', async () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('app');
    const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    fake.setScript({ 'embed-a': 'server-error' });
    const model = withFallback([openai.embedding('embed-a'), openai.embedding('embed-b')], {
      maxRetriesPerModel: 0,
      circuitBreaker: false,
      telemetry: { tracer },
    });
    await embedMany({ model, values: ['a', 'b'], maxRetries: 0 });

    const spans = exporter.getFinishedSpans();
    const calls = spans.filter(span => span.name === 'ai_sdk_fallback.call');
    expect(calls.map(span => span.attributes['ai_sdk_fallback.operation'])).toEqual(['embed']);
    const attempts = spans.filter(span => span.name === 'ai_sdk_fallback.attempt');
    expect(attempts.map(span => span.parentSpanContext?.spanId)).toEqual([
      calls[0]!.spanContext().spanId,
      calls[0]!.spanContext().spanId,
    ]);
  });
});
