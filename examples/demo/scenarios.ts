import type { FallbackChainConfig } from '../../src/config/index';
import type { FakeStep } from '../../src/testing/index';

/** The ids the demo config gives its entries. */
export type DemoEntryId = 'openai' | 'openrouter' | 'azure';

/** One scripted run of the demo against the fake provider. */
export interface Scenario {
  name: string;
  /** One line, for `--help` and the run's header. */
  summary: string;
  /** What each entry's successive requests get before it answers normally. */
  faults: Partial<Record<DemoEntryId, FakeStep[]>>;
  /** Config changes this scenario needs, shown in the header. */
  patch?: { describe: string; apply(config: FallbackChainConfig): FallbackChainConfig };
  /** How the call should end if the library behaves: exit code 0 means it did. */
  expect: 'answer' | 'partial' | 'error';
}

/** The text every fake model answers with, so a continued stream reads as one answer. */
export const DEMO_ANSWER =
  'The sky looks blue because the air scatters short blue wavelengths of sunlight far more than long red ones (Rayleigh scattering), so blue light reaches your eyes from every direction.';

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'default',
    summary: 'OpenAI answers 429 with Retry-After: 1 (twice), OpenRouter answers 503 (twice), Azure answers',
    faults: {
      openai: [
        { status: 429, retryAfter: 1 },
        { status: 429, retryAfter: 1 },
      ],
      openrouter: ['overloaded', 'overloaded'],
    },
    expect: 'answer',
  },
  {
    name: 'healthy',
    summary: 'every provider is fine: OpenAI answers at once',
    faults: {},
    expect: 'answer',
  },
  {
    name: 'quota-exceeded',
    summary:
      'OpenAI is out of quota (429 insufficient_quota), OpenRouter out of credits (402): no retries, Azure answers',
    faults: { openai: ['quota'], openrouter: ['credits'] },
    expect: 'answer',
  },
  {
    name: 'all-fail',
    summary: 'every provider answers 5xx, retried once each: the chain gives up with FallbackExhaustedError',
    faults: {
      openai: ['server-error', 'server-error'],
      openrouter: ['overloaded', 'overloaded'],
      azure: ['server-error', 'server-error'],
    },
    expect: 'error',
  },
  {
    name: 'stream-cut',
    summary:
      "OpenAI's stream is cut after its first words: the partial answer ends with an error, never spliced with another model's",
    faults: { openai: [{ cutAfterTokens: 12, text: DEMO_ANSWER }] },
    expect: 'partial',
  },
  {
    name: 'stream-continue',
    summary: "OpenAI's stream is cut after its first words; with midStream 'continue' OpenRouter continues the text",
    faults: { openai: [{ cutAfterTokens: 12, text: DEMO_ANSWER }] },
    patch: { describe: "mid_stream: 'continue'", apply: config => ({ ...config, midStream: 'continue' }) },
    expect: 'answer',
  },
  {
    name: 'timeout',
    summary: 'OpenAI never answers; after timeouts.request_ms (1 s) the chain moves on to OpenRouter',
    faults: { openai: ['hang'] },
    patch: {
      describe: 'timeouts.request_ms: 1000',
      apply: config => ({ ...config, timeouts: { ...config.timeouts, requestMs: 1000 } }),
    },
    expect: 'answer',
  },
  {
    name: 'context-length',
    summary: "OpenAI rejects the prompt as too long: no entry catches 'context-length', so its error is passed through",
    faults: { openai: ['context-length'] },
    expect: 'error',
  },
];

export const DEMO_PROMPT = 'Why is the sky blue? Answer in one sentence.';

/** A step function that plays `faults` in order, then answers {@link DEMO_ANSWER}. */
export function faultsThenAnswer(faults: readonly FakeStep[]): FakeStep {
  let next = 0;
  return () => faults[next++] ?? { text: DEMO_ANSWER };
}
