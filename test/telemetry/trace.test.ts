import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { trace } from '@opentelemetry/api';
import { generateText, streamText, experimental_streamTextLowMemory as streamTextLowMemory } from 'ai';
import { describe, expect, it } from 'vitest';
import { type FallbackConfig, withFallback } from '../../src/index';
import { canonicalAnswer, type FakeRequest, type FakeStep } from '../../src/testing/index';
import { fakeProviderForFile } from '../integration/helpers';
import { otelForFile, recordedText, type SpanView } from './otel-harness';

const fake = fakeProviderForFile();
const otel = otelForFile();

// Recognisable secrets: the keys travel in headers, an upstream echoes them, the prompt carries a marker.
const PRIMARY_KEY = 'sk-proj-PRIMARYsecret0123456789';
const BACKUP_KEY = 'sk-proj-BACKUPsecret9876543210';
const TENANT_HEADER = 'tenant-header-SECRET-42';
const PROMPT = 'PROMPT-MARKER-7731: say hello.';

/** A 429 whose message repeats the key the request presented, as some upstreams do. */
const echoing429: FakeStep = (request: FakeRequest) => ({
  status: 429,
  code: 'rate_limit_exceeded',
  type: 'requests',
  message: `Rate limit reached for key ${request.headers.authorization?.replace(/^Bearer /, '')}.`,
  retryAfterMs: 20,
});

function chain(config: FallbackConfig = {}) {
  return withFallback(
    [
      {
        id: 'primary',
        model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: PRIMARY_KEY }).chat('gpt-primary'),
        settings: { headers: { 'x-tenant': TENANT_HEADER } },
      },
      { id: 'backup', model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: BACKUP_KEY }).chat('gpt-backup') },
    ],
    { maxRetriesPerModel: 1, circuitBreaker: false, ...config },
  );
}

// Span times come from the SDK's high-resolution clock, anchored to Date.now() per span: up to about a
// millisecond apart from Date.now() and from each other.
const SLACK_MS = 1;
const byStart = (spans: SpanView[]) => [...spans].sort((a, b) => a.startMs - b.startMs);
const named = (name: string) => otel.spans().filter(span => span.name === name);

describe('spans of a call: 429, retried, 429 again, then a fallback', () => {
  it('one call span with three attempt children in order, with their attributes and no secret', async () => {
    fake.setScript({ 'gpt-primary': [echoing429, echoing429] });
    const result = await generateText({ model: chain(), prompt: PROMPT, maxRetries: 0 });
    expect(result.text).toBe(canonicalAnswer('gpt-backup'));
    // The key really came back from the upstream, in the provider's own error.
    expect(fake.requests.map(request => request.step)).toEqual(['status 429', 'status 429', 'ok']);

    const [call, ...others] = named('ai_sdk_fallback.call');
    expect(others).toEqual([]);
    expect(call!.parentId).toBeUndefined();
    expect(call!.attributes).toEqual({
      'ai_sdk_fallback.operation': 'generate',
      'ai_sdk_fallback.call_id': expect.any(String),
      'ai_sdk_fallback.entries': 2,
      'ai_sdk_fallback.outcome': 'success',
      'ai_sdk_fallback.attempts': 3,
      'ai_sdk_fallback.served_entry': 'backup',
      'gen_ai.response.model': 'gpt-backup',
    });
    expect(call!.status.code).toBe(0);

    const attempts = byStart(named('ai_sdk_fallback.attempt'));
    expect(attempts.map(span => span.parentId)).toEqual([call!.id, call!.id, call!.id]);
    expect(attempts.map(span => span.attributes)).toEqual([
      {
        'ai_sdk_fallback.entry.index': 0,
        'ai_sdk_fallback.entry.id': 'primary',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-primary',
        'ai_sdk_fallback.attempt': 1,
        'ai_sdk_fallback.outcome': 'retry',
        'error.type': 'rate-limit',
        'http.response.status_code': 429,
        'ai_sdk_fallback.retry_after_ms': 20,
      },
      {
        'ai_sdk_fallback.entry.index': 0,
        'ai_sdk_fallback.entry.id': 'primary',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-primary',
        'ai_sdk_fallback.attempt': 2,
        'ai_sdk_fallback.outcome': 'fallback',
        'error.type': 'rate-limit',
        'http.response.status_code': 429,
        'ai_sdk_fallback.retry_after_ms': 20,
      },
      {
        'ai_sdk_fallback.entry.index': 1,
        'ai_sdk_fallback.entry.id': 'backup',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-backup',
        'ai_sdk_fallback.attempt': 1,
        'ai_sdk_fallback.outcome': 'success',
      },
    ]);
    // Failed attempts carry an error status with the redacted description; the winner none.
    expect(attempts.map(span => span.status.code)).toEqual([2, 2, 0]);
    expect(attempts[0]!.status.message).toMatch(/^APICallError 429: Rate limit reached for key \[redacted\]/);
    // The wait is an event of the call span, between the first two attempts.
    expect(call!.events).toEqual([
      {
        name: 'retry-wait',
        attributes: {
          'ai_sdk_fallback.entry.id': 'primary',
          'ai_sdk_fallback.delay_ms': 20,
          'ai_sdk_fallback.reason': 'retry-after',
          'error.type': 'rate-limit',
        },
      },
    ]);
    expect(attempts[0]!.endMs).toBeLessThanOrEqual(attempts[1]!.startMs + SLACK_MS);
    // The 20 ms Retry-After was waited for between them.
    expect(attempts[1]!.startMs - attempts[0]!.endMs).toBeGreaterThanOrEqual(20 - 2 * SLACK_MS);
    expect(call!.startMs).toBeLessThanOrEqual(attempts[0]!.startMs + SLACK_MS);
    expect(call!.endMs).toBeGreaterThanOrEqual(attempts[2]!.endMs - SLACK_MS);

    // Nothing secret anywhere: not the keys (sent in headers, echoed in the error), not the
    // header's value, not the prompt, not the answer.
    const text = recordedText(otel.spans());
    for (const secret of [PRIMARY_KEY, BACKUP_KEY, 'PRIMARYsecret', TENANT_HEADER, 'PROMPT-MARKER', 'Hello'])
      expect(text).not.toContain(secret);
    expect(canonicalAnswer('gpt-backup')).toContain('Hello');
  });

  it('with an outer active span, the call span is its child', async () => {
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('outer', async outer => {
      await generateText({ model: chain(), prompt: PROMPT, maxRetries: 0 });
      outer.end();
    });
    const [outer] = named('outer');
    const [call] = named('ai_sdk_fallback.call');
    expect(call!.parentId).toBe(outer!.id);
    expect(call!.traceId).toBe(outer!.traceId);
  });

  it("with the AI SDK's own telemetry on, the call span is a child of its model-call span", async () => {
    fake.setScript({ 'gpt-primary': [echoing429] });
    await generateText({
      model: chain(),
      prompt: PROMPT,
      maxRetries: 0,
      telemetry: { integrations: new OpenTelemetry(), recordInputs: false, recordOutputs: false },
    });
    const spans = otel.spans();
    const [call] = named('ai_sdk_fallback.call');
    const parent = spans.find(span => span.id === call!.parentId);
    expect(parent).toBeDefined();
    expect(parent!.name).not.toMatch(/^ai_sdk_fallback/);
    expect(parent!.attributes['gen_ai.operation.name']).toBe('chat');
    expect(call!.traceId).toBe(parent!.traceId);
    expect(named('ai_sdk_fallback.attempt').every(span => span.parentId === call!.id)).toBe(true);
  });
});

describe('other attempts and settings', () => {
  it('an entry skipped for an open circuit is an attempt span with the cooldown as an event', async () => {
    fake.setScript({ 'gpt-primary': 'server-error' });
    const model = chain({ maxRetriesPerModel: 0, circuitBreaker: { failureThreshold: 1, cooldownMs: 60_000 } });
    await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    const before = Date.now();
    await generateText({ model, prompt: PROMPT, maxRetries: 0 });
    const calls = byStart(named('ai_sdk_fallback.call'));
    const second = named('ai_sdk_fallback.attempt').filter(span => span.parentId === calls[1]!.id);
    const [skipped, served] = byStart(second);
    expect(skipped!.attributes).toMatchObject({
      'ai_sdk_fallback.entry.id': 'primary',
      'ai_sdk_fallback.outcome': 'skipped',
      'error.type': 'provider-unavailable',
    });
    expect(skipped!.status.code).toBe(0);
    expect(skipped!.events).toEqual([
      {
        name: 'circuit-skip',
        attributes: {
          'ai_sdk_fallback.reason': 'circuit-open',
          'ai_sdk_fallback.circuit.opened_by': 'failures',
          'ai_sdk_fallback.circuit.until': expect.any(String),
        },
      },
    ]);
    const until = Date.parse(skipped!.events[0]!.attributes['ai_sdk_fallback.circuit.until'] as string);
    expect(until).toBeGreaterThan(before);
    expect(served!.attributes['ai_sdk_fallback.outcome']).toBe('success');
    expect(calls[1]!.attributes['ai_sdk_fallback.attempts']).toBe(1);
  });

  it('a chain that fails as a whole ends its call span with the outcome and an error status', async () => {
    fake.setScript({ 'gpt-primary': 'server-error', 'gpt-backup': 'server-error' });
    await expect(
      generateText({ model: chain({ maxRetriesPerModel: 0 }), prompt: PROMPT, maxRetries: 0 }),
    ).rejects.toThrow();
    const [call] = named('ai_sdk_fallback.call');
    expect(call!.attributes['ai_sdk_fallback.outcome']).toBe('exhausted');
    expect(call!.status.code).toBe(2);
    expect(byStart(named('ai_sdk_fallback.attempt')).map(span => span.attributes['ai_sdk_fallback.outcome'])).toEqual([
      'fallback',
      'failed',
    ]);
  });

  it('telemetry: { enabled: false } records nothing, with a provider registered', async () => {
    fake.setScript({ 'gpt-primary': [echoing429] });
    await generateText({ model: chain({ telemetry: { enabled: false } }), prompt: PROMPT, maxRetries: 0 });
    expect(otel.spans()).toEqual([]);
    expect(await otel.points('ai_sdk_fallback.calls')).toEqual([]);
  });
});

describe("a stream's spans", () => {
  it('end after the last part, not before', async () => {
    fake.setScript({ 'gpt-primary': [echoing429] });
    const result = streamText({ model: chain(), prompt: PROMPT, maxRetries: 0, onError: () => {} });
    const reader = result.textStream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // Committed and reading: the serving attempt and the call are still open.
    expect(named('ai_sdk_fallback.call')).toEqual([]);
    expect(byStart(named('ai_sdk_fallback.attempt')).map(span => span.attributes['ai_sdk_fallback.outcome'])).toEqual([
      'retry',
    ]);
    let lastPartAt = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      lastPartAt = Date.now();
    }
    await result.consumeStream();
    const [call] = named('ai_sdk_fallback.call');
    expect(call!.attributes).toMatchObject({
      'ai_sdk_fallback.operation': 'stream',
      'ai_sdk_fallback.outcome': 'success',
      'ai_sdk_fallback.stream.end': 'done',
    });
    expect(call!.endMs).toBeGreaterThanOrEqual(lastPartAt - SLACK_MS);
    const serving = byStart(named('ai_sdk_fallback.attempt'))[1]!;
    expect(serving.attributes).toMatchObject({
      'ai_sdk_fallback.outcome': 'success',
      'ai_sdk_fallback.stream.end': 'done',
      'ai_sdk_fallback.time_to_first_output_ms': expect.any(Number),
    });
    expect(serving.endMs).toBeGreaterThanOrEqual(lastPartAt - SLACK_MS);
  });

  // `streamText` tees the model's stream and keeps a branch for its promises, so a cancel of `textStream` never
  // reaches the model; `experimental_streamTextLowMemory` has one consumer, and its cancel reaches our stream.
  it('end when the consumer cancels', async () => {
    fake.setScript({ 'gpt-primary': { stallAfterTokens: 1 } });
    const result = streamTextLowMemory({ model: chain(), prompt: PROMPT, maxRetries: 0, onError: () => {} });
    const reader = result.textStream.getReader();
    expect((await reader.read()).done).toBe(false);
    expect(named('ai_sdk_fallback.call')).toEqual([]);
    await reader.cancel();
    await fake.whenIdle();
    const [call] = named('ai_sdk_fallback.call');
    expect(call!.attributes).toMatchObject({
      'ai_sdk_fallback.outcome': 'success',
      'ai_sdk_fallback.stream.end': 'cancelled',
    });
    const [attempt] = named('ai_sdk_fallback.attempt');
    expect(attempt!.attributes).toMatchObject({
      'ai_sdk_fallback.outcome': 'success',
      'ai_sdk_fallback.stream.end': 'cancelled',
    });
    expect(attempt!.endMs).toBeLessThanOrEqual(call!.endMs + SLACK_MS);
  });

  it("end when the caller's signal aborts the stream", async () => {
    fake.setScript({ 'gpt-primary': { stallAfterTokens: 1 } });
    const controller = new AbortController();
    const result = streamText({
      model: chain(),
      prompt: PROMPT,
      maxRetries: 0,
      abortSignal: controller.signal,
      onError: () => {},
    });
    const reader = result.textStream.getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    await result.consumeStream({ onError: () => {} });
    await fake.whenIdle();
    const [call] = named('ai_sdk_fallback.call');
    expect(call!.attributes['ai_sdk_fallback.stream.end']).toBe('aborted');
  });

  it("with midStream: 'continue', the continuing attempt is a child of the same call span, and every span ends", async () => {
    fake.setScript({ 'gpt-primary': { cutAfterTokens: 2 } });
    const result = streamText({
      model: chain({ midStream: 'continue', maxRetriesPerModel: 0 }),
      prompt: PROMPT,
      maxRetries: 0,
      onError: () => {},
    });
    await result.consumeStream();
    await fake.whenIdle();
    expect(fake.requests.map(request => request.model)).toEqual(['gpt-primary', 'gpt-backup']);
    const [call, ...others] = named('ai_sdk_fallback.call');
    expect(others).toEqual([]);
    const attempts = byStart(named('ai_sdk_fallback.attempt'));
    expect(attempts.map(span => span.parentId)).toEqual([call!.id, call!.id]);
    expect(
      attempts.map(span => [span.attributes['ai_sdk_fallback.outcome'], span.attributes['ai_sdk_fallback.stream.end']]),
    ).toEqual([
      ['fallback', 'error'],
      ['success', 'done'],
    ]);
    expect(call!.attributes['ai_sdk_fallback.stream.end']).toBe('done');
  });
});
