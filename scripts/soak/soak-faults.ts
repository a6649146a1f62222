import type { FakeStep } from '../../src/testing/index';
import type { Random } from './random';

/** One kind of fault the soak injects, and how often. */
export interface SoakFault {
  label: string;
  weight: number;
  draw: (random: Random) => Exclude<FakeStep, (...args: never[]) => unknown>;
}

/**
 * What a provider does to one request. About half the requests succeed, so most calls need a
 * retry or a fallback somewhere while most still have a model that answers. The hang-type
 * faults outlast the soak's per-attempt clocks, so they exercise the timeouts.
 */
export const SOAK_FAULTS: readonly SoakFault[] = [
  { label: 'ok', weight: 44, draw: () => 'ok' },
  { label: '429 retry-after-ms', weight: 4, draw: random => ({ status: 429, retryAfterMs: random.int(20, 300) }) },
  { label: '429 retry-after 1s', weight: 1, draw: () => ({ status: 429, retryAfter: 1 }) },
  { label: '429 without retry-after', weight: 4, draw: () => 'rate-limit' },
  { label: '429 insufficient_quota', weight: 2, draw: () => 'quota' },
  { label: '500', weight: 4, draw: () => 'server-error' },
  { label: '503', weight: 4, draw: () => 'overloaded' },
  { label: '401', weight: 1, draw: () => 'auth' },
  { label: 'reset', weight: 4, draw: () => 'reset' },
  { label: 'hang', weight: 2, draw: () => 'hang' },
  { label: 'slow headers (ok)', weight: 2, draw: random => ({ headersDelayMs: random.int(20, 300) }) },
  { label: 'slow first token (timeout)', weight: 2, draw: () => ({ firstTokenDelayMs: 3_000 }) },
  { label: 'slow first token (ok)', weight: 2, draw: random => ({ firstTokenDelayMs: random.int(20, 200) }) },
  { label: 'stream cut', weight: 5, draw: random => ({ cutAfterTokens: random.int(0, 14) }) },
  { label: 'stall (timeout)', weight: 2, draw: random => ({ stallAfterTokens: random.int(0, 10) }) },
  {
    label: 'stall (recovers)',
    weight: 2,
    draw: random => ({ stallAfterTokens: random.int(0, 10), forMs: random.int(20, 200) }),
  },
  { label: 'error frame before output', weight: 2, draw: () => ({ errorAfterTokens: 0 }) },
  { label: 'error frame after output', weight: 3, draw: random => ({ errorAfterTokens: random.int(1, 10) }) },
  { label: 'malformed SSE chunk', weight: 3, draw: () => 'malformed' },
  { label: 'missing [DONE]', weight: 3, draw: () => 'no-done' },
  { label: 'rejects prefill', weight: 2, draw: () => 'reject-prefill' },
  { label: 'context_length_exceeded', weight: 0.5, draw: () => 'context-length' },
  { label: 'content filter', weight: 0.5, draw: () => 'content-filter' },
];

const TOTAL_WEIGHT = SOAK_FAULTS.reduce((sum, fault) => sum + fault.weight, 0);

/** Draws one fault by weight. */
export function drawFault(random: Random): { label: string; step: ReturnType<SoakFault['draw']> } {
  let point = random() * TOTAL_WEIGHT;
  for (const fault of SOAK_FAULTS) {
    point -= fault.weight;
    if (point < 0) return { label: fault.label, step: fault.draw(random) };
  }
  const last = SOAK_FAULTS.at(-1)!;
  return { label: last.label, step: last.draw(random) };
}
