import type { LanguageModelV4 } from '@ai-sdk/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../scripts/soak/random';
import { type FallbackConfig, type FallbackSuccessEvent, withFallback } from '../../src/index';
import {
  canonicalAnswer,
  type FakeProvider,
  type FakeRequest,
  type FakeStep,
  startFakeProvider,
} from '../../src/testing/index';
import { call, caughtLabels, realModel } from './helpers';

let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

const CALLS = 50;
const FAULTS: { step: FakeStep; caught: string; retried: boolean }[] = [
  { step: 'server-error', caught: 'primary provider-unavailable 500', retried: true },
  { step: 'overloaded', caught: 'primary provider-unavailable 503', retried: true },
  { step: 'rate-limit', caught: 'primary rate-limit 429', retried: true },
  { step: 'reset', caught: 'primary network', retried: true },
  { step: 'quota', caught: 'primary quota-exceeded 429', retried: false },
  { step: 'auth', caught: 'primary auth 401', retried: false },
];

/** Which call a request belongs to: each call's prompt names it. */
function callIndex(request: FakeRequest): number {
  const match = /call #(\d+)\b/.exec(JSON.stringify(request.body));
  if (match === null) throw new Error(`request ${request.id} names no call`);
  return Number(match[1]);
}

type Plan = (typeof FAULTS)[number] | undefined;

function drawPlan(seed: number, count: number): Plan[] {
  const random = createRandom(seed);
  // Per call: undefined (the primary answers) or the fault the primary gives on every attempt.
  return Array.from({ length: count }, () => (random() < 0.5 ? undefined : random.pick(FAULTS)));
}

/** Runs one call per planned entry, all at once, on `model`; call numbers start at `first`. */
function runAll(model: LanguageModelV4, plan: Plan[], first = 0) {
  return Promise.all(
    plan.map((_, offset) =>
      call(model, (first + offset) % 2 === 0 ? 'generate' : 'stream', {
        messages: [{ role: 'user', content: `This is call #${first + offset}. Say hello.` }],
      }),
    ),
  );
}

function chain(config: FallbackConfig) {
  return withFallback([realModel(fake, 'openai chat', 'primary'), realModel(fake, 'azure', 'backup')], {
    maxRetriesPerModel: 1,
    backoff: { initialDelayMs: 5, maxDelayMs: 20 },
    ...config,
  });
}

const requestsOf = (index: number) =>
  fake.requests.filter(request => callIndex(request) === index).map(request => request.model);
const describePlan = (index: number, fault: Plan) =>
  `call #${index} (${fault === undefined ? 'ok' : String(fault.step)})`;

afterEach(async () => {
  await fake.whenIdle();
  expect(fake.openConnections()).toBe(0);
  fake.setScript({});
  fake.reset();
});

describe('concurrency: 50 simultaneous calls on one instance, the primary failing at random', () => {
  it('each call retries and falls back exactly as its own faults say (circuit breaker off)', async () => {
    const plan = drawPlan(20_240_601, CALLS);
    fake.setScript({ primary: request => plan[callIndex(request)]?.step ?? 'ok' });
    const successes: FallbackSuccessEvent[] = [];
    const outcomes = await runAll(chain({ circuitBreaker: false, onSuccess: event => successes.push(event) }), plan);

    for (const [index, outcome] of outcomes.entries()) {
      const fault = plan[index];
      const label = describePlan(index, fault);
      const servedBy = fault === undefined ? 'primary' : 'backup';
      const expected = fault === undefined ? [] : fault.retried ? [fault.caught, fault.caught] : [fault.caught];
      expect({ label, thrown: outcome.thrown, errors: outcome.errors }).toEqual({
        label,
        thrown: undefined,
        errors: [],
      });
      expect({ label, text: outcome.text }).toEqual({ label, text: canonicalAnswer(servedBy) });
      expect({ label, servedBy: outcome.fallback?.servedBy.modelId, caught: caughtLabels(outcome.fallback) }).toEqual({
        label,
        servedBy,
        caught: expected,
      });
      expect({ label, requests: requestsOf(index) }).toEqual({
        label,
        requests: [...expected.map(() => 'primary'), servedBy],
      });
    }
    // Events of concurrent calls never mix: one success per call, each with its own id.
    expect(successes).toHaveLength(CALLS);
    expect(new Set(successes.map(event => event.callId)).size).toBe(CALLS);
    expect(plan.filter(fault => fault !== undefined).length).toBeGreaterThan(10);
  });

  it('with the default circuit breaker, a primary that keeps failing is skipped, and every call still gets one complete answer', async () => {
    // First wave: the primary fails every call, which opens its circuit (3 failures in a row).
    const failing = Array.from({ length: CALLS / 2 }, (_, index) => FAULTS[index % 4]);
    const random = drawPlan(7_771, CALLS / 2);
    const plan = [...failing, ...random];
    fake.setScript({ primary: request => plan[callIndex(request)]?.step ?? 'ok' });
    const model = chain({});
    const outcomes = [...(await runAll(model, failing)), ...(await runAll(model, random, failing.length))];

    for (const [index, outcome] of outcomes.entries()) {
      const fault = plan[index];
      const label = describePlan(index, fault);
      expect({ label, thrown: outcome.thrown, errors: outcome.errors }).toEqual({
        label,
        thrown: undefined,
        errors: [],
      });
      const { servedBy, caught, attempts } = outcome.fallback!;
      expect({ label, text: outcome.text }).toEqual({ label, text: canonicalAnswer(servedBy.modelId) });
      const called = caught.filter(entry => entry.skipped === undefined);
      const skipped = caught.filter(entry => entry.skipped !== undefined);
      // A primary that was asked failed with its own fault; a skipped one was never asked.
      expect({ label, called: caughtLabels({ ...outcome.fallback!, caught: called }) }).toEqual({
        label,
        called: called.map(() => fault?.caught),
      });
      expect({ label, requests: requestsOf(index) }).toEqual({
        label,
        requests: [...called.map(() => 'primary'), servedBy.modelId],
      });
      expect({ label, attempts }).toEqual({ label, attempts: called.length + 1 });
      if (index >= failing.length) {
        // The circuit stays open for its 30 s cooldown: the second wave never asks the primary.
        expect({ label, servedBy: servedBy.modelId, called: called.length, skipped: skipped.length }).toEqual({
          label,
          servedBy: 'backup',
          called: 0,
          skipped: 1,
        });
        expect(skipped[0]!.skipped).toMatchObject({ reason: 'circuit-open', openedBy: 'failures' });
      }
    }
  });
});
