import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { canonicalAnswer, type FakeProvider, type FakeStep, startFakeProvider } from '../src/testing/index';
import type { FailoverSetup } from './libraries';
import { median } from './stats';

/** What the primary does in a scenario; the fallback always answers. */
export type ScenarioKey = 'healthy' | '503' | '429' | 'hang' | 'down-20';

export interface Scenario {
  key: ScenarioKey;
  title: string;
  /** Short label for the chart (`\n` breaks lines). */
  chartLabel: string;
  primary: FakeStep;
  /** Sequential requests on one wrapped model (the breaker and sticky-model scenario); else one fresh model per request. */
  sequential?: number;
}

export const scenarios: readonly Scenario[] = [
  { key: 'healthy', title: 'Primary healthy (baseline)', chartLabel: 'primary healthy\n(baseline)', primary: 'ok' },
  { key: '503', title: 'Primary answers 503', chartLabel: 'primary: 503', primary: { status: 503 } },
  {
    key: '429',
    title: 'Primary answers 429, Retry-After: 1',
    chartLabel: 'primary: 429,\nRetry-After: 1',
    primary: { status: 429, retryAfter: 1 },
  },
  {
    key: 'hang',
    title: 'Primary accepts, never answers',
    chartLabel: 'primary accepts,\nnever answers',
    primary: 'hang',
  },
  {
    key: 'down-20',
    title: '20 sequential requests, primary down (503)',
    chartLabel: '20 requests, primary down\n(median per request)',
    primary: { status: 503 },
    sequential: 20,
  },
];

/** No library may take longer than this for one answer; a call still running is aborted and counts as no answer. */
export const CAP_MS = 5000;

/** One library in one scenario. */
export interface FailoverResult {
  scenario: ScenarioKey;
  setup: string;
  /** Milliseconds to a complete answer, one per answered request. */
  answeredMs: number[];
  /** Requests that got no answer (an error, or still running at `CAP_MS`), with why. */
  unanswered: string[];
  /** Requests the primary received, per request made. */
  primaryAttempts: number[];
}

export interface FailoverPlan {
  /** Single-request scenarios: requests per library (medians are taken over these). */
  repetitions: number;
}

/**
 * Runs every scenario for every setup through the real `@ai-sdk/openai`
 * against the fake provider on 127.0.0.1. Each repetition runs every setup
 * once, in an order rotated per repetition, with fresh wrapped models (state
 * a library keeps between requests, such as ai-fallback's current model, is
 * only carried over in the sequential scenario, where it is the point).
 */
export async function runFailover(
  setups: readonly FailoverSetup[],
  plan: FailoverPlan,
  log: (line: string) => void,
): Promise<FailoverResult[]> {
  const fake = await startFakeProvider();
  const results: FailoverResult[] = [];
  try {
    // One unrecorded request per library first, so no library's first measured answer pays for loading code.
    for (const setup of setups) {
      fake.setScript({});
      await generateText({ model: setup.create(...models(fake)), prompt: 'Hello', maxRetries: 0 });
    }
    for (const scenario of scenarios) {
      const byKey = new Map(
        setups.map(setup => [
          setup.key,
          {
            scenario: scenario.key,
            setup: setup.key,
            answeredMs: [],
            unanswered: [],
            primaryAttempts: [],
          } as FailoverResult,
        ]),
      );
      if (scenario.sequential !== undefined) {
        for (const setup of setups) {
          await sequentialRequests(fake, scenario, setup, byKey.get(setup.key)!);
          log(`  ${scenario.key} ${setup.key}: ${summary(byKey.get(setup.key)!)}`);
        }
      } else {
        for (let rep = 0; rep < plan.repetitions; rep++) {
          const order = setups.map((_, i) => setups[(i + rep) % setups.length]!);
          for (const setup of order) {
            const result = byKey.get(setup.key)!;
            // A library that cannot answer at all is not asked again and again: twice shows it is not noise.
            if (result.unanswered.length >= 2 && result.answeredMs.length === 0) continue;
            fake.setScript({ primary: scenario.primary, fallback: 'ok' });
            fake.reset();
            await oneRequest(fake, scenario, setup, setup.create(...models(fake)), result);
          }
        }
        for (const setup of setups) log(`  ${scenario.key} ${setup.key}: ${summary(byKey.get(setup.key)!)}`);
      }
      results.push(...byKey.values());
      // Every socket of the scenario is closed before the next starts: a hung request cannot slow the next one.
      await fake.whenIdle();
    }
  } finally {
    await fake.close();
  }
  return results;
}

function models(fake: FakeProvider) {
  const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'bench-key' });
  return [openai('primary'), openai('fallback')] as const;
}

async function sequentialRequests(
  fake: FakeProvider,
  scenario: Scenario,
  setup: FailoverSetup,
  result: FailoverResult,
) {
  fake.setScript({ primary: scenario.primary, fallback: 'ok' });
  fake.reset();
  const model = setup.create(...models(fake));
  for (let i = 0; i < scenario.sequential!; i++) {
    const before = fake.requestsFor('primary').length;
    await oneRequest(fake, scenario, setup, model, result, before);
  }
}

async function oneRequest(
  fake: FakeProvider,
  scenario: Scenario,
  setup: FailoverSetup,
  model: ReturnType<FailoverSetup['create']>,
  result: FailoverResult,
  primaryBefore = 0,
) {
  const cap = AbortSignal.timeout(CAP_MS);
  const own = setup.callSignal?.();
  const abortSignal = own === undefined ? cap : AbortSignal.any([own, cap]);
  const expected = canonicalAnswer(scenario.key === 'healthy' ? 'primary' : 'fallback');
  const started = performance.now();
  try {
    const { text } = await generateText({ model, prompt: 'Hello', maxRetries: 0, abortSignal });
    const elapsed = performance.now() - started;
    if (text === expected) result.answeredMs.push(elapsed);
    else result.unanswered.push(`wrong answer: ${JSON.stringify(text.slice(0, 40))}`);
  } catch (error) {
    result.unanswered.push(
      cap.aborted
        ? `no answer within ${CAP_MS / 1000} s`
        : `${(error as Error).name}: ${(error as Error).message}`.slice(0, 160),
    );
  }
  result.primaryAttempts.push(fake.requestsFor('primary').length - primaryBefore);
}

function summary(result: FailoverResult): string {
  const answered = result.answeredMs.length;
  const unanswered =
    result.unanswered.length > 0 ? `, ${result.unanswered.length} unanswered (${result.unanswered[0]})` : '';
  return `median ${median(result.answeredMs).toFixed(0)} ms over ${answered} answered${unanswered}, primary attempts ${result.primaryAttempts.reduce((a, b) => a + b, 0)}`;
}
