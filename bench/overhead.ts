import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { Bench } from 'tinybench';
import { bareModel, callOptions } from './in-memory-models';
import { inMemoryOpenAIModel } from './in-memory-openai';
import type { BenchModel, LibraryKey, OverheadLibrary } from './libraries';
import { cpuNow, median } from './stats';

/** One overhead measurement for one library: its own median and its ratio to calling the model directly. */
export interface OverheadFigure {
  /** Median over rounds of the round's median (µs of CPU time per call, or ms per stream). */
  value: number;
  /** Median over rounds of `value / direct` measured in the same round (time ratio: 1.00 = no overhead). */
  ratio: number;
  /** Smallest and largest per-round ratio: how much the machine's noise moved it. */
  ratioRange: [number, number];
  /** Rounds measured. */
  rounds: number;
}

/**
 * The four workloads of the overhead table: two realistic ones (`ai` over the
 * real `@ai-sdk/openai` over an in-memory fetch) and two at the spec level
 * (a bare in-memory model called through the wrapper's `doGenerate` / `doStream`).
 */
export type OverheadMetric = 'generateText' | 'streamText' | 'doGenerate' | 'doStream';

export const OVERHEAD_METRICS: readonly OverheadMetric[] = ['generateText', 'streamText', 'doGenerate', 'doStream'];

export type OverheadResults = Record<OverheadMetric, Map<LibraryKey, OverheadFigure>>;

/** How many rounds a metric gets: up to `max`, and no more once `budgetMs` is spent, but at least `min`. */
export interface RoundPlan {
  min: number;
  max: number;
  budgetMs: number;
}

export interface OverheadPlan {
  overheadRounds: Record<OverheadMetric, RoundPlan>;
  /** Text deltas per `streamText` answer (SSE frames from the in-memory fetch). */
  streamTextDeltas: number;
  /** Text parts per `doStream` stream of the bare model. */
  streamParts: number;
}

interface Workload {
  /** The primary (and the never-needed fallback) each library wraps. */
  model(modelId: string): LanguageModelV4;
  /** Calls per sample (calls), or 0 for one stream per library and round. */
  batch: number;
  run(subject: BenchModel): Promise<unknown>;
}

/** Workloads of the plan, each with the models it needs. */
function workloads(plan: OverheadPlan): Record<OverheadMetric, Workload> {
  return {
    generateText: {
      model: id => inMemoryOpenAIModel(id),
      batch: 10,
      run: subject => generateText({ model: subject.model, prompt: 'Hello', maxRetries: 0 }),
    },
    streamText: {
      model: id => inMemoryOpenAIModel(id, { streamDeltas: plan.streamTextDeltas }),
      batch: 0,
      run: subject => streamAll(subject, plan.streamTextDeltas),
    },
    doGenerate: {
      model: id => bareModel(id),
      batch: 1000,
      run: subject => Promise.resolve(subject.doGenerate(callOptions)),
    },
    doStream: {
      model: id => bareModel(id, { streamParts: plan.streamParts }),
      batch: 0,
      run: subject => readAll(subject, plan.streamParts),
    },
  };
}

/**
 * Runs the no-failure overhead benchmarks. Every round measures every library
 * (direct included) back to back, in an order rotated per round. Rounds of
 * calls are short (30 ms of CPU per library) and many, so the libraries a
 * ratio compares ran within a fraction of a second of each other: a slow
 * phase of the machine (a shared VM has them, whatever the load average
 * says) lands on all of them or is outvoted by the other rounds. Ratios are
 * taken within a round, then the median across rounds is reported.
 */
export async function runOverhead(
  libraries: readonly OverheadLibrary[],
  plan: OverheadPlan,
  log: (line: string) => void,
): Promise<OverheadResults> {
  const results = {} as OverheadResults;
  const all = workloads(plan);
  for (const metric of OVERHEAD_METRICS) {
    const { model, batch, run } = all[metric];
    const subjects = libraries.map(library => ({
      key: library.key,
      model: library.wrap(model('primary'), model('fallback')),
    }));
    // Streams are long: one per library and round, after a first round that only warms up.
    const streams = batch === 0;
    const calls = Math.max(1, batch);
    const rounds = plan.overheadRounds[metric];
    const perRound: Map<LibraryKey, number>[] = [];
    const metricStart = performance.now();
    for (let round = streams ? -1 : 0; round < rounds.max; round++) {
      // On a busy machine rounds take longer: stop at the budget rather than overrun the whole run.
      if (round >= rounds.min && performance.now() - metricStart > rounds.budgetMs) break;
      const bench = new Bench({
        name: round < 0 ? `${metric} warm-up` : `${metric} round ${round + 1}`,
        time: streams ? 0 : 30,
        iterations: streams ? 1 : 8,
        // Calls warm up in the first round only; streams have a warm-up round of their own.
        warmup: !streams && round === 0,
        warmupTime: 300,
        warmupIterations: 16,
        // Budgets and samples in CPU time: see cpuNow.
        now: cpuNow,
        throws: true,
      });
      for (const subject of rotate(subjects, round + 1)) {
        bench.add(
          subject.key,
          async () => {
            const start = cpuNow();
            for (let i = 0; i < calls; i++) await run(subject.model);
            const elapsed = cpuNow() - start;
            return { overriddenDuration: elapsed / calls, overriddenIterationCost: elapsed };
          },
          {
            async: true,
            beforeEach: streams ? emptyYoungGeneration : undefined,
          },
        );
      }
      await bench.run();
      const medians = new Map<LibraryKey, number>();
      for (const task of bench.tasks) {
        const result = task.result;
        if (result.state !== 'completed') throw new Error(`${bench.name}: ${task.name} ended ${result.state}`);
        // µs per call for calls, ms per stream for streams.
        medians.set(task.name as LibraryKey, streams ? result.latency.p50 : result.latency.p50 * 1000);
      }
      if (round >= 0) perRound.push(medians);
      if (streams || round % 10 === 0) {
        log(`  ${bench.name}: ${[...medians].map(([key, value]) => `${key} ${value.toFixed(3)}`).join(', ')}`);
      }
    }
    results[metric] = summarize(perRound, libraries);
    const line = libraries.map(({ key }) => `${key} ×${results[metric].get(key)!.ratio.toFixed(3)}`).join(', ');
    log(`  ${metric} (${perRound.length} rounds): ${line}`);
  }
  return results;
}

function summarize(perRound: Map<LibraryKey, number>[], libraries: readonly OverheadLibrary[]) {
  const figures = new Map<LibraryKey, OverheadFigure>();
  for (const { key } of libraries) {
    const ratios = perRound.map(round => round.get(key)! / round.get('direct')!);
    figures.set(key, {
      value: median(perRound.map(round => round.get(key)!)),
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      rounds: perRound.length,
    });
  }
  return figures;
}

/**
 * Before each long stream: a minor collection (with --expose-gc, as `npm run bench` runs), so one
 * library does not pay for the young garbage the previous one left. Not a full collection: a forced
 * full one made every following stream 2-3 times slower (direct `doStream` of 100,000 parts:
 * 12 ms without, 39 ms with), which buries the wrappers' own cost under a constant.
 */
function emptyYoungGeneration(): void {
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Reads a long stream straight from `doStream`, as `ai` would, without `streamText`'s own work. */
async function readAll(subject: BenchModel, expectedParts: number): Promise<void> {
  const { stream } = await subject.doStream(callOptions);
  const reader = stream.getReader();
  let deltas = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if ((value as { type: string }).type === 'text-delta') deltas++;
  }
  if (deltas !== expectedParts) throw new Error(`doStream delivered ${deltas} of ${expectedParts} text parts`);
}

/** Consumes a long `streamText` answer as an app does: through `textStream`. */
async function streamAll(subject: BenchModel, expectedChars: number): Promise<void> {
  const result = streamText({ model: subject.model, prompt: 'Hello', maxRetries: 0 });
  let chars = 0;
  for await (const delta of result.textStream) chars += delta.length;
  if (chars !== expectedChars) throw new Error(`streamText delivered ${chars} of ${expectedChars} characters`);
}
