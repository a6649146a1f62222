// A hedged call's attempts each have their own span: the racer cancelled because the other committed
// first ends with outcome `hedged`, the winner serves the call.
import { createOpenAI } from '@ai-sdk/openai';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { fakeProviderForFile } from '../integration/helpers';

const fake = fakeProviderForFile();

describe('telemetry of a hedged call', () => {
  it.each([
    ['the hedge wins', { 'gpt-primary': { firstTokenDelayMs: 60_000 } }, ['primary hedged', 'backup success']],
    [
      'the first attempt wins',
      { 'gpt-backup': { firstTokenDelayMs: 60_000 }, 'gpt-primary': { firstTokenDelayMs: 300 } },
      ['backup hedged', 'primary success'],
    ],
  ])('%s: the cancelled racer ends as hedged', async (_, script, expected) => {
    const exporter = new InMemorySpanExporter();
    const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('app');
    const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback(
      [
        { id: 'primary', model: openai.chat('gpt-primary') },
        { id: 'backup', model: openai.chat('gpt-backup') },
      ],
      { hedge: { afterMs: 30 }, telemetry: { tracer } },
    );
    fake.setScript(script);
    await streamText({ model, prompt: 'Say hello.', maxRetries: 0 }).consumeStream();
    await fake.whenIdle();
    const attempts = exporter.getFinishedSpans().filter(span => span.name === 'ai_sdk_fallback.attempt');
    expect(
      attempts.map(
        span => `${span.attributes['ai_sdk_fallback.entry.id']} ${span.attributes['ai_sdk_fallback.outcome']}`,
      ),
    ).toEqual(expected);
  });
});
