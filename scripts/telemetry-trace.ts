/**
 * `npx tsx scripts/telemetry-trace.ts`: one traced call, printed as a tree (docs/telemetry.md shows its
 * output). The primary answers 429 with a Retry-After, is retried, answers 429 again, and the backup answers;
 * the AI SDK's own OpenTelemetry integration is on, so the chain's spans nest under its model-call span.
 */

import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { generateText } from 'ai';
import { withFallback } from '../src/index';
import { startFakeProvider } from '../src/testing/index';

const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const fake = await startFakeProvider();
const rateLimited = {
  status: 429,
  code: 'rate_limit_exceeded',
  message: 'Rate limit reached for gpt-4o.',
  retryAfterMs: 250,
};
fake.setScript({ 'gpt-4o': [rateLimited, rateLimited] });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-proj-not-a-real-key-0000' });
const model = withFallback([openai.chat('gpt-4o'), openai.chat('gpt-4o-mini')], { maxRetriesPerModel: 1 });

await generateText({
  model,
  prompt: 'Say hello.',
  maxRetries: 0,
  telemetry: { integrations: new OpenTelemetry(), recordInputs: false, recordOutputs: false },
});
await fake.close();

const spans = exporter.getFinishedSpans();
const ms = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;
const origin = Math.min(...spans.map(span => ms(span.startTime)));
const shown = (key: string) =>
  key.startsWith('ai_sdk_fallback.') ||
  ['error.type', 'http.response.status_code'].includes(key) ||
  key.startsWith('gen_ai.');
const hidden = new Set([
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.cache_read.input_tokens',
  'gen_ai.response.id',
  'gen_ai.response.finish_reasons',
]);

function print(span: ReadableSpan, depth: number): void {
  const pad = '  '.repeat(depth);
  const start = ms(span.startTime) - origin;
  const status = span.status.code === 2 ? `  ERROR "${span.status.message}"` : '';
  console.log(
    `${pad}${span.name}  [+${start.toFixed(0)} ms, ${(ms(span.endTime) - ms(span.startTime)).toFixed(0)} ms]${status}`,
  );
  for (const [key, value] of Object.entries(span.attributes))
    if (shown(key) && !hidden.has(key)) console.log(`${pad}    ${key} = ${JSON.stringify(value)}`);
  for (const event of span.events)
    console.log(
      `${pad}    event ${event.name} [+${(ms(event.time) - origin).toFixed(0)} ms] ${JSON.stringify(event.attributes)}`,
    );
  const children = spans
    .filter(child => child.parentSpanContext?.spanId === span.spanContext().spanId)
    .sort((a, b) => ms(a.startTime) - ms(b.startTime));
  for (const child of children) print(child, depth + 1);
}

const ids = new Set(spans.map(span => span.spanContext().spanId));
for (const root of spans.filter(span => !ids.has(span.parentSpanContext?.spanId ?? ''))) print(root, 0);
