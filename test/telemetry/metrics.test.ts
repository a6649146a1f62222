import { createOpenAI } from '@ai-sdk/openai';
import { describe, expect, it } from 'vitest';
import { type FallbackMetadata, withFallback } from '../../src/index';
import type { FakeStep } from '../../src/testing/index';
import { call, fakeProviderForFile } from '../integration/helpers';
import { otelForFile, type PointView } from './otel-harness';

const fake = fakeProviderForFile();
const otel = otelForFile();

const chain = () =>
  withFallback(
    [
      { id: 'primary', model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat('gpt-primary') },
      { id: 'backup', model: createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat('gpt-backup') },
    ],
    { maxRetriesPerModel: 0, circuitBreaker: false },
  );

/** The value of the point whose attributes include `attributes`, or 0 when there is none. */
function total(points: PointView[], attributes: Record<string, unknown>): number {
  const matching = points.filter(point =>
    Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
  );
  return matching.reduce((sum, point) => sum + point.value, 0);
}

describe('metrics after 10 calls, 3 of which fell back', () => {
  it('count every call, attempt, duration and token exactly', async () => {
    // The primary's answers to its 10 requests, in order: calls 2, 5 and 9 fail over to the backup.
    const primary: FakeStep[] = [
      'ok',
      'server-error',
      'ok',
      'ok',
      'server-error',
      'ok',
      'ok',
      'ok',
      'server-error',
      'ok',
    ];
    fake.setScript({ 'gpt-primary': primary });
    const metadata: FallbackMetadata[] = [];
    for (let index = 0; index < 10; index++) {
      const outcome = await call(chain(), index % 2 === 0 ? 'generate' : 'stream');
      expect(outcome.thrown).toBeUndefined();
      metadata.push(outcome.fallback!);
    }
    expect(metadata.map(record => record.servedBy.id)).toEqual([
      'primary',
      'backup',
      'primary',
      'primary',
      'backup',
      'primary',
      'primary',
      'primary',
      'backup',
      'primary',
    ]);

    const calls = await otel.points('ai_sdk_fallback.calls');
    expect(calls.map(point => point.attributes)).toHaveLength(4);
    expect(total(calls, { 'ai_sdk_fallback.outcome': 'success' })).toBe(10);
    expect(total(calls, { 'ai_sdk_fallback.served_entry': 'primary' })).toBe(7);
    expect(total(calls, { 'ai_sdk_fallback.served_entry': 'backup' })).toBe(3);
    expect(total(calls, { 'ai_sdk_fallback.operation': 'generate' })).toBe(5);
    expect(total(calls, { 'ai_sdk_fallback.operation': 'stream' })).toBe(5);

    const attempts = await otel.points('ai_sdk_fallback.attempts');
    expect(
      attempts.map(point => point.attributes).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      {
        'ai_sdk_fallback.entry.index': 0,
        'ai_sdk_fallback.entry.id': 'primary',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-primary',
        'ai_sdk_fallback.outcome': 'fallback',
        'error.type': 'provider-unavailable',
      },
      {
        'ai_sdk_fallback.entry.index': 0,
        'ai_sdk_fallback.entry.id': 'primary',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-primary',
        'ai_sdk_fallback.outcome': 'success',
      },
      {
        'ai_sdk_fallback.entry.index': 1,
        'ai_sdk_fallback.entry.id': 'backup',
        'gen_ai.provider.name': 'openai.chat',
        'gen_ai.request.model': 'gpt-backup',
        'ai_sdk_fallback.outcome': 'success',
      },
    ]);
    expect(total(attempts, { 'ai_sdk_fallback.entry.id': 'primary', 'ai_sdk_fallback.outcome': 'success' })).toBe(7);
    expect(total(attempts, { 'ai_sdk_fallback.entry.id': 'primary', 'ai_sdk_fallback.outcome': 'fallback' })).toBe(3);
    expect(total(attempts, { 'ai_sdk_fallback.entry.id': 'backup', 'ai_sdk_fallback.outcome': 'success' })).toBe(3);

    // Every attempt has a duration; each served stream a time to first output.
    const durations = await otel.points('ai_sdk_fallback.attempt.duration');
    expect(total(durations, { 'ai_sdk_fallback.entry.id': 'primary' })).toBe(10);
    expect(total(durations, { 'ai_sdk_fallback.entry.id': 'backup' })).toBe(3);
    const firstOutput = await otel.points('ai_sdk_fallback.time_to_first_output');
    expect(total(firstOutput, {})).toBe(5);

    // The tokens are the ones the metadata reports; a 500 reports none, so nothing is wasted here.
    const tokens = await otel.points('ai_sdk_fallback.tokens');
    const sum = (kind: 'inputTokens' | 'outputTokens', id: string) =>
      metadata
        .filter(record => record.servedBy.id === id)
        .reduce((total, record) => total + (record.totalUsage?.[kind] ?? 0), 0);
    for (const id of ['primary', 'backup']) {
      expect(sum('inputTokens', id)).toBeGreaterThan(0);
      expect(
        total(tokens, {
          'ai_sdk_fallback.entry.id': id,
          'gen_ai.token.type': 'input',
          'ai_sdk_fallback.wasted': false,
        }),
      ).toBe(sum('inputTokens', id));
      expect(
        total(tokens, {
          'ai_sdk_fallback.entry.id': id,
          'gen_ai.token.type': 'output',
          'ai_sdk_fallback.wasted': false,
        }),
      ).toBe(sum('outputTokens', id));
    }
    expect(total(tokens, { 'ai_sdk_fallback.wasted': true })).toBe(0);
  });

  it('count the tokens of an attempt that did not serve as wasted', async () => {
    // An empty answer reports its usage and is answered by the backup: its tokens were billed for nothing.
    fake.setScript({ 'gpt-primary': { text: '' } });
    const outcome = await call(chain(), 'generate');
    expect(outcome.fallback?.servedBy.id).toBe('backup');
    const caughtUsage = outcome.fallback!.caught[0]!.usage;
    expect(caughtUsage?.inputTokens).toBeGreaterThan(0);
    const tokens = await otel.points('ai_sdk_fallback.tokens');
    expect(total(tokens, { 'ai_sdk_fallback.entry.id': 'primary', 'ai_sdk_fallback.wasted': true })).toBe(
      (caughtUsage?.inputTokens ?? 0) + (caughtUsage?.outputTokens ?? 0),
    );
  });
});
