import { describe, expect, it } from 'vitest';
import {
  type BreakerSettings,
  type CircuitRecord,
  circuitAfterFailure,
  circuitState,
  countsAsFailure,
  doubledCooldown,
  type FailureInput,
} from '../../src/health/breaker';
import { decodeCircuit, encodeCircuit } from '../../src/health/health-keys';

const settings: BreakerSettings = { failureThreshold: 3, cooldownMs: 1_000, maxCooldownMs: 8_000 };
const NOW = 1_000_000;
const open = (until: number, cooldownMs = 1_000, reason: CircuitRecord['reason'] = 'failures'): CircuitRecord => ({
  until,
  cooldownMs,
  reason,
  type: 'provider-unavailable',
});

describe('circuitState', () => {
  it.each<[string, CircuitRecord | undefined, ReturnType<typeof circuitState>]>([
    ['no circuit is closed', undefined, 'closed'],
    ['before the cooldown ends it is open', open(NOW + 1), 'open'],
    ['when the cooldown ends it is half-open', open(NOW), 'half-open'],
    ['long after the cooldown it stays half-open until a probe decides', open(NOW - 60_000), 'half-open'],
  ])('%s', (_, circuit, expected) => {
    expect(circuitState({ circuit, failures: 3 }, NOW)).toBe(expected);
  });
});

describe('countsAsFailure', () => {
  it.each<[Parameters<typeof countsAsFailure>[0], Parameters<typeof countsAsFailure>[1], boolean]>([
    ['rate-limit', undefined, true],
    ['provider-unavailable', undefined, true],
    ['quota-exceeded', undefined, true],
    ['auth', undefined, true],
    ['network', undefined, true],
    ['timeout', 'request', true],
    ['timeout', 'first-chunk', true],
    ['timeout', 'chunk-idle', true],
    // The call's own budget ran out: says nothing about this model.
    ['timeout', 'total', false],
    // About the request, not the provider.
    ['bad-request', undefined, false],
    ['content-filter', undefined, false],
    ['context-length', undefined, false],
    // An answer that is not the JSON asked for: the provider answered.
    ['invalid-output', undefined, false],
    ['empty-response', undefined, true],
  ])('%s (%s) counts: %s', (type, kind, expected) => {
    expect(countsAsFailure(type, kind)).toBe(expected);
  });
});

describe('circuitAfterFailure', () => {
  const base: FailureInput = {
    circuit: undefined,
    failures: 1,
    type: 'provider-unavailable',
    retryAfterMs: undefined,
    probe: false,
    now: NOW,
  };
  it.each<[string, Partial<FailureInput>, CircuitRecord | undefined]>([
    ['below the threshold it stays closed', { failures: 2 }, undefined],
    ['at the threshold it opens for cooldownMs', { failures: 3 }, open(NOW + 1_000)],
    ['above the threshold it opens too', { failures: 7 }, open(NOW + 1_000)],
    [
      'a Retry-After opens it at once, for that long',
      { type: 'rate-limit', retryAfterMs: 5_000 },
      { until: NOW + 5_000, cooldownMs: 5_000, reason: 'retry-after', type: 'rate-limit' },
    ],
    [
      'a Retry-After is capped at maxCooldownMs',
      { type: 'rate-limit', retryAfterMs: 30_000 },
      { until: NOW + 8_000, cooldownMs: 8_000, reason: 'retry-after', type: 'rate-limit' },
    ],
    ['a Retry-After of 0 is no cooldown', { retryAfterMs: 0 }, undefined],
    [
      'a failed probe doubles the last cooldown',
      { probe: true, circuit: open(NOW - 10, 2_000) },
      open(NOW + 4_000, 4_000, 'probe-failed'),
    ],
    [
      'doubling stops at 4x cooldownMs',
      { probe: true, circuit: open(NOW - 10, 6_000) },
      open(NOW + 4_000, 4_000, 'probe-failed'),
    ],
    [
      'a failed probe after a long Retry-After backs off 4x cooldownMs, not twice the Retry-After',
      { probe: true, circuit: open(NOW - 10, 8_000, 'retry-after') },
      open(NOW + 4_000, 4_000, 'probe-failed'),
    ],
    [
      'a failed probe after a short Retry-After cools down at least cooldownMs',
      { probe: true, circuit: open(NOW - 10, 200, 'retry-after') },
      open(NOW + 1_000, 1_000, 'probe-failed'),
    ],
    [
      'a failed probe that says Retry-After follows it',
      { probe: true, retryAfterMs: 3_000, circuit: open(NOW - 10, 4_000) },
      open(NOW + 3_000, 3_000, 'retry-after'),
    ],
    [
      'a failure while open never shortens it',
      { failures: 5, retryAfterMs: 1_000, circuit: open(NOW + 6_000, 6_000, 'retry-after') },
      open(NOW + 6_000, 6_000, 'retry-after'),
    ],
    [
      'a longer Retry-After while open extends it',
      { failures: 5, retryAfterMs: 7_000, circuit: open(NOW + 2_000, 2_000) },
      open(NOW + 7_000, 7_000, 'retry-after'),
    ],
    [
      'a failure while half-open (every entry open, not a probe) reopens it with the cooldown it had',
      { failures: 4, circuit: open(NOW - 10, 2_000) },
      open(NOW + 2_000, 2_000),
    ],
  ])('%s', (_, input, expected) => {
    expect(circuitAfterFailure({ ...base, ...input }, settings)).toEqual(expected);
  });

  it('returns the same circuit object when nothing changes, so nothing is written', () => {
    const circuit = open(NOW + 6_000, 6_000);
    expect(circuitAfterFailure({ ...base, failures: 9, circuit }, settings)).toBe(circuit);
  });

  it('doubles 1 s, 2 s, 4 s, then stays at 4 s (4x cooldownMs) across failed probes', () => {
    const seen: number[] = [];
    let last: number | undefined;
    for (let i = 0; i < 5; i++) {
      last = doubledCooldown(last ?? settings.cooldownMs / 2, settings);
      seen.push(last);
    }
    expect(seen).toEqual([1_000, 2_000, 4_000, 4_000, 4_000]);
  });
});

describe('doubledCooldown: the probe backoff is bounded by 4x cooldownMs and by maxCooldownMs', () => {
  const at = (cooldownMs: number, maxCooldownMs: number): BreakerSettings => ({
    failureThreshold: 3,
    cooldownMs,
    maxCooldownMs,
  });
  it.each<[string, number | undefined, BreakerSettings, number]>([
    ['no last cooldown: twice cooldownMs', undefined, at(1_000, 300_000), 2_000],
    ['twice the last cooldown', 1_000, at(1_000, 300_000), 2_000],
    ['twice again', 2_000, at(1_000, 300_000), 4_000],
    ['never above 4x cooldownMs, however large maxCooldownMs is', 4_000, at(1_000, 300_000), 4_000],
    ['a cooldown above 4x (a long Retry-After) comes back down to 4x', 60_000, at(1_000, 300_000), 4_000],
    ['never above maxCooldownMs when it is below 4x cooldownMs', 2_000, at(1_000, 3_000), 3_000],
    ['maxCooldownMs equal to cooldownMs: never doubles', 1_000, at(1_000, 1_000), 1_000],
    ['at least cooldownMs after a short Retry-After', 200, at(1_000, 300_000), 1_000],
    ['the defaults (30 s, 5 min): at most 2 min', 120_000, at(30_000, 300_000), 120_000],
  ])('%s', (_, last, breaker, expected) => {
    expect(doubledCooldown(last, breaker)).toBe(expected);
  });
});

describe('stored circuits', () => {
  it('round-trip, and anything else reads as closed', () => {
    const circuit = open(NOW + 1_000);
    expect(decodeCircuit(encodeCircuit(circuit))).toEqual(circuit);
    for (const text of [
      undefined,
      '',
      'nope',
      '{}',
      '{"until":"x"}',
      'null',
      JSON.stringify({ ...circuit, type: 'all' }),
    ]) {
      expect(decodeCircuit(text)).toBeUndefined();
    }
  });
});
