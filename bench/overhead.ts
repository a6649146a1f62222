import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { Bench } from 'tinybench';
import type { CallsChildResult } from './calls-child';
import { childJson } from './child-json';
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
  /** Rounds measured (for calls: in each process, the median over processes). */
  rounds: number;
  /** For calls: the processes measured; the ratio is the median of their medians, the range theirs. */
  processes?: number;
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
  /** For calls: the rounds of each process (`min` unused). For streams: the rounds of the run. */
  overheadRounds: Record<OverheadMetric, RoundPlan>;
  /** Processes each call workload is measured in, one after another. */
  callProcesses: number;
  /** Text deltas per `streamText` answer: {@link STREAM_TEXT_DELTAS}, recorded with the run. */
  streamTextDeltas: number;
  /** Text parts per `doStream` stream of the bare model. */
  streamParts: number;
}

export interface Workload {
  /** The primary (and the never-needed fallback) each library wraps. */
  model(modelId: string): LanguageModelV4;
  /** Calls (or streams) per batch; 0 for a stream measured in the run's own process, one per library and round. */
  batch: number;
  run(subject: BenchModel): Promise<unknown>;
  /** Before each batch: a long stream first empties the young generation (see emptyYoungGeneration). */
  beforeBatch?: () => void;
}

/** The workloads measured in processes of their own, one batch per library and round. */
export type CallMetric = 'generateText' | 'doGenerate' | 'streamText';

/** Text deltas per `streamText` answer (SSE frames from the in-memory fetch). */
export const STREAM_TEXT_DELTAS = 20_000;

/** The call workloads: measured in processes of their own (bench/calls-child.ts). */
export const CALL_WORKLOADS: Record<CallMetric, Workload> = {
  generateText: {
    model: id => inMemoryOpenAIModel(id),
    batch: 10,
    run: subject => generateText({ model: subject.model, prompt: 'Hello', maxRetries: 0 }),
  },
  doGenerate: {
    model: id => bareModel(id),
    batch: 1000,
    run: subject => Promise.resolve(subject.doGenerate(callOptions)),
  },
  streamText: {
    model: id => inMemoryOpenAIModel(id, { streamDeltas: STREAM_TEXT_DELTAS }),
    batch: 1,
    run: subject => streamAll(subject, STREAM_TEXT_DELTAS),
    beforeBatch: emptyYoungGeneration,
  },
};

/** The stream workloads of the plan measured in the run's own process, each with the models it needs. */
function streamWorkloads(plan: OverheadPlan): Record<'doStream', Workload> {
  return {
    doStream: {
      model: id => bareModel(id, { streamParts: plan.streamParts }),
      batch: 0,
      run: subject => readAll(subject, plan.streamParts),
    },
  };
}

/**
 * Runs the no-failure overhead benchmarks. Calls are measured in processes of
 * their own ({@link measureInProcesses}). Streams: every round measures every
 * library (direct included) back to back, one stream each, in an order
 * rotated per round, after a round that only warms up; the ratio is taken
 * within a round, then the median across rounds is reported.
 */
export async function runOverhead(
  libraries: readonly OverheadLibrary[],
  plan: OverheadPlan,
  log: (line: string) => void,
): Promise<OverheadResults> {
  const results = {} as OverheadResults;
  const streams = streamWorkloads(plan);
  for (const metric of OVERHEAD_METRICS) {
    if (metric !== 'doStream') {
      results[metric] = await measureInProcesses(metric, libraries, plan, log);
      continue;
    }
    const { model, run } = streams[metric];
    const subjects = libraries.map(library => ({
      key: library.key,
      model: library.wrap(model('primary'), model('fallback')),
    }));
    const rounds = plan.overheadRounds[metric];
    const perRound: Map<LibraryKey, number>[] = [];
    const metricStart = performance.now();
    for (let round = -1; round < rounds.max; round++) {
      // On a busy machine rounds take longer: stop at the budget rather than overrun the whole run.
      if (round >= rounds.min && performance.now() - metricStart > rounds.budgetMs) break;
      const bench = new Bench({
        name: round < 0 ? `${metric} warm-up` : `${metric} round ${round + 1}`,
        time: 0,
        iterations: 1,
        warmup: false,
        // Samples in CPU time: see cpuNow.
        now: cpuNow,
        throws: true,
      });
      for (const subject of rotate(subjects, round + 1)) {
        bench.add(
          subject.key,
          async () => {
            const start = cpuNow();
            await run(subject.model);
            const elapsed = cpuNow() - start;
            return { overriddenDuration: elapsed, overriddenIterationCost: elapsed };
          },
          { async: true, beforeEach: emptyYoungGeneration },
        );
      }
      await bench.run();
      const medians = new Map<LibraryKey, number>();
      for (const task of bench.tasks) {
        const result = task.result;
        if (result.state !== 'completed') throw new Error(`${bench.name}: ${task.name} ended ${result.state}`);
        // ms per stream.
        medians.set(task.name as LibraryKey, result.latency.p50);
      }
      if (round >= 0) perRound.push(medians);
      log(`  ${bench.name}: ${[...medians].map(([key, value]) => `${key} ${value.toFixed(3)}`).join(', ')}`);
    }
    results[metric] = summarize(perRound, libraries);
    const line = libraries.map(({ key }) => `${key} ×${results[metric].get(key)!.ratio.toFixed(3)}`).join(', ');
    log(`  ${metric} (${perRound.length} rounds): ${line}`);
  }
  return results;
}

/**
 * A call workload in `plan.callProcesses` fresh processes, one after another (bench/calls-child.ts):
 * two processes running the same code differ by more than the few percent measured here (each
 * optimizes it its own way), so one process's figure is not the library's.
 */
async function measureInProcesses(
  metric: CallMetric,
  libraries: readonly OverheadLibrary[],
  plan: OverheadPlan,
  log: (line: string) => void,
): Promise<Map<LibraryKey, OverheadFigure>> {
  const { max, budgetMs } = plan.overheadRounds[metric];
  const keys = libraries.map(({ key }) => key);
  const children: CallsChildResult[] = [];
  for (let process = 0; process < plan.callProcesses; process++) {
    // --expose-gc: a stream workload empties the young generation before each batch.
    const child = await childJson<CallsChildResult>(['--expose-gc'], 'bench/calls-child.ts', [
      metric,
      String(max),
      String(budgetMs),
      keys.join(','),
    ]);
    children.push(child);
    const cells = keys.map(key => `${key} ×${child.figures[key].ratio.toFixed(3)}`).join(', ');
    log(`  ${metric} process ${process + 1} (${child.rounds} rounds): ${cells}`);
  }
  const figures = new Map<LibraryKey, OverheadFigure>();
  // A child reports µs per call; a stream's figure is ms per stream.
  const unit = metric === 'streamText' ? 1e-3 : 1;
  for (const key of keys) {
    const ratios = children.map(child => child.figures[key].ratio);
    figures.set(key, {
      value: median(children.map(child => child.figures[key].value)) * unit,
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      rounds: median(children.map(child => child.rounds)),
      processes: children.length,
    });
  }
  log(
    `  ${metric} (${children.length} processes): ${keys.map(key => `${key} ×${figures.get(key)!.ratio.toFixed(3)}`).join(', ')}`,
  );
  return figures;
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
