import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { type LanguageModel, streamText } from 'ai';
import { createFallback } from 'ai-fallback';
import { experimental_retryableStreamText as retryableStreamText } from 'ai-retry/stream-text';
import { timeout } from 'ai-retry/stream-text/conditions';
import { canonicalAnswer, type FakeProvider, startFakeProvider } from '../src/testing/index';
import { core } from './core';
import { percentile } from './stats';

const { withFallback } = core;

/** The heavy-tailed primary of issue 15: most first tokens after 150 ms, 5 % after 4 s; the fallback always at 250 ms. */
export const TAIL = { fastMs: 150, slowMs: 4_000, slowShare: 0.05, fallbackMs: 250 } as const;
/** The wait of the fixed hedge, and the timeout of the timeout-based switches it is compared with. */
export const SWITCH_MS = 400;

export interface HedgingPlan {
  calls: number;
  concurrency: number;
  seed: number;
}

/** One library configuration in the hedging scenario: it starts one `streamText`-like call and returns its text stream. */
export interface HedgingSetup {
  key: string;
  label: string;
  color: string;
  /** As written in BENCHMARKS.md. */
  configuration: string;
  /** Builds what one run of the scenario uses for all its calls (a wrapped model is made once, as an app does). */
  create(primary: LanguageModelV4, fallback: LanguageModelV4): (signal: AbortSignal) => Promise<AsyncIterable<string>>;
}

const viaStreamText =
  (model: LanguageModel) =>
  async (abortSignal: AbortSignal): Promise<AsyncIterable<string>> =>
    streamText({ model, prompt: 'Hello', maxRetries: 0, abortSignal, onError: () => {} }).textStream;

export function hedgingSetups(): HedgingSetup[] {
  return [
    {
      key: 'primary',
      label: 'primary alone',
      color: '#6e7781',
      configuration: 'streamText({ model: primary, … })',
      create: primary => viaStreamText(primary),
    },
    {
      key: 'no-hedge',
      label: 'ai-sdk-fallback, no hedge',
      color: '#54aeff',
      configuration: 'withFallback([primary, fallback])',
      create: (primary, fallback) => viaStreamText(withFallback([primary, fallback])),
    },
    {
      key: 'first-chunk-timeout',
      label: `ai-sdk-fallback, primary firstChunkMs ${SWITCH_MS}`,
      color: '#218bff',
      configuration: `withFallback([{ model: primary, timeouts: { firstChunkMs: ${SWITCH_MS} } }, fallback])
// the timeout-based switch: the primary is given up on after ${SWITCH_MS} ms without a first token`,
      create: (primary, fallback) =>
        viaStreamText(withFallback([{ model: primary, timeouts: { firstChunkMs: SWITCH_MS } }, fallback])),
    },
    {
      key: 'hedge-fixed',
      label: `ai-sdk-fallback, hedge ${SWITCH_MS} ms`,
      color: '#0550ae',
      configuration: `withFallback([primary, fallback], { hedge: { afterMs: ${SWITCH_MS} } })`,
      create: (primary, fallback) =>
        viaStreamText(withFallback([primary, fallback], { hedge: { afterMs: SWITCH_MS } })),
    },
    {
      key: 'hedge-auto',
      label: "ai-sdk-fallback, hedge 'auto'",
      color: '#033d8b',
      configuration:
        "withFallback([primary, fallback], { hedge: { afterMs: 'auto' } })\n// percentile 95, minSamples 20, initialMs 1000, maxRatio 0.05",
      create: (primary, fallback) => viaStreamText(withFallback([primary, fallback], { hedge: { afterMs: 'auto' } })),
    },
    {
      key: 'hedge-auto-10',
      label: "ai-sdk-fallback, hedge 'auto', maxRatio 0.1",
      color: '#0a3069',
      configuration:
        "withFallback([primary, fallback], { hedge: { afterMs: 'auto', maxRatio: 0.1 } })\n// not in the issue's list: the same with twice the hedging budget, to show what the cap costs",
      create: (primary, fallback) =>
        viaStreamText(withFallback([primary, fallback], { hedge: { afterMs: 'auto', maxRatio: 0.1 } })),
    },
    {
      key: 'ai-retry',
      label: `ai-retry, stepMs ${SWITCH_MS}`,
      color: '#8250df',
      configuration: `await experimental_retryableStreamText({
  model: primary, prompt, maxRetries: 0,
  timeout: { stepMs: ${SWITCH_MS} },
  retry: [timeout().switch({ model: fallback, timeout: 10_000 })],
})
// its README's timeout-based switch for streamText: a call-level retry, since a model-level one cannot
// recover a streamText deadline. \`timeout: { firstChunkMs }\` never fires here: ai arms it once doStream has
// returned, and @ai-sdk/openai's chat model returns from doStream with the first chunk. So the step deadline stands
// in; the answer streams within milliseconds of its first token, so a ${SWITCH_MS} ms step is a ${SWITCH_MS} ms
// first-token deadline. The fallback gets a fresh 10 s.`,
      create: (primary, fallback) => async abortSignal =>
        (
          await retryableStreamText({
            model: primary,
            prompt: 'Hello',
            maxRetries: 0,
            abortSignal,
            onError: () => {},
            timeout: { stepMs: SWITCH_MS },
            retry: [timeout().switch({ model: fallback, timeout: 10_000 })],
          })
        ).textStream,
    },
    {
      key: 'ai-fallback',
      label: 'ai-fallback',
      color: '#bc4c00',
      configuration:
        'createFallback({ models: [primary, fallback] })\n// no timeout option: it switches on errors only',
      create: (primary, fallback) => viaStreamText(createFallback({ models: [primary, fallback] })),
    },
  ];
}

/** One setup's run. */
export interface HedgingResult {
  setup: string;
  /** Milliseconds from the call to its first text, one per answered call. */
  ttftMs: number[];
  /** Calls that got no complete answer, with why (first few). */
  unanswered: string[];
  calls: number;
  /** Requests the fake provider received in all (a call that sends one request adds none extra). */
  requests: number;
}

/** A small seeded generator (mulberry32): every setup meets the same sequence of slow primary requests. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A call still without an answer after this long is aborted and counts as unanswered. */
const CAP_MS = 10_000;

/** Rounds per setup: the setups take turns, so a change of the machine's load falls on all of them alike. */
const ROUNDS = 10;

/**
 * Issue 15's scenario: `plan.calls` `streamText` calls per setup,
 * `plan.concurrency` at a time, through the real `@ai-sdk/openai` against the
 * fake provider on 127.0.0.1, each setup meeting the same seeded tail. The
 * calls run in rounds, the setups taking turns in an order rotated per round;
 * each setup keeps its one wrapped model (and what `'auto'` learnt) throughout.
 */
export async function runHedging(
  setups: readonly HedgingSetup[],
  plan: HedgingPlan,
  log: (line: string) => void,
): Promise<HedgingResult[]> {
  const fake = await startFakeProvider();
  try {
    const runs = [];
    for (const setup of setups) {
      // One unrecorded call on a model of its own first, so no setup pays for loading code (and 'auto' learns nothing).
      fake.setScript({});
      await readAll(await setup.create(...models(fake))(AbortSignal.timeout(CAP_MS)));
      await fake.whenIdle();
      const result: HedgingResult = { setup: setup.key, ttftMs: [], unanswered: [], calls: 0, requests: 0 };
      runs.push({ setup, result, start: setup.create(...models(fake)), random: seeded(plan.seed) });
    }
    const perRound = Math.ceil(plan.calls / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < runs.length; i++) {
        const { result, start, random } = runs[(i + round) % runs.length]!;
        const calls = Math.min(perRound, plan.calls - result.calls);
        fake.setScript({
          primary: () => ({ firstTokenDelayMs: random() < TAIL.slowShare ? TAIL.slowMs : TAIL.fastMs }),
          fallback: { firstTokenDelayMs: TAIL.fallbackMs },
        });
        fake.reset();
        let next = 0;
        const worker = async () => {
          while (next < calls) {
            next++;
            await oneCall(start, result);
          }
        };
        await Promise.all(Array.from({ length: plan.concurrency }, worker));
        await fake.whenIdle();
        result.calls += calls;
        result.requests += fake.requests.length;
      }
    }
    for (const { setup, result } of runs) log(`  ${setup.key}: ${summary(result)}`);
    return runs.map(run => run.result);
  } finally {
    await fake.close();
  }
}

function models(fake: FakeProvider) {
  const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'bench-key' });
  return [openai.chat('primary'), openai.chat('fallback')] as const;
}

const ANSWERS = new Set([canonicalAnswer('primary'), canonicalAnswer('fallback')]);

async function oneCall(start: ReturnType<HedgingSetup['create']>, result: HedgingResult) {
  const started = performance.now();
  let first: number | undefined;
  let text = '';
  try {
    for await (const delta of await start(AbortSignal.timeout(CAP_MS))) {
      first ??= performance.now() - started;
      text += delta;
    }
    if (first !== undefined && ANSWERS.has(text)) result.ttftMs.push(first);
    else result.unanswered.push(`wrong answer: ${JSON.stringify(text.slice(0, 40))}`);
  } catch (error) {
    result.unanswered.push(`${(error as Error).name}: ${(error as Error).message}`.slice(0, 120));
  }
}

async function readAll(stream: AsyncIterable<string>) {
  for await (const _ of stream);
}

/** `extra requests`: requests beyond one per call, as a share of calls. */
export function extraShare(result: HedgingResult): number {
  return (result.requests - result.calls) / result.calls;
}

function summary(result: HedgingResult): string {
  const [p50, p95, p99] = [50, 95, 99].map(p => percentile(result.ttftMs, p).toFixed(0));
  const unanswered =
    result.unanswered.length > 0 ? `, ${result.unanswered.length} unanswered (${result.unanswered[0]})` : '';
  return `p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, extra requests ${(extraShare(result) * 100).toFixed(1)} %${unanswered}`;
}
