/**
 * `npm run bench`: overhead and failover benchmarks of ai-sdk-fallback side by
 * side with ai-fallback and ai-retry. Writes BENCHMARKS.md and its chart.
 *
 * Flags: `--quick` (fewer rounds: a smoke test, not figures to quote; prints
 * only), `--no-write` (print only), `--report-only` (no measuring: rewrite the
 * outputs from the last run's figures, kept in node_modules/.cache), `--telemetry` (only the overhead
 * rows of direct, ai-sdk-fallback and ai-sdk-fallback with a tracer and meter on; prints only),
 * `--hedging` (the hedging scenario alone: rewrites its section of BENCHMARKS.md and its chart, leaves
 * the rest as it is).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { barChartSvg } from './chart';
import { childJson } from './child-json';
import { coreEntry } from './core';
import { describeEnvironment, loadAverage } from './environment';
import { CAP_MS, runFailover, scenarios } from './failover';
import type { HeapResult } from './heap-child';
import { hedgingSetups, runHedging } from './hedging';
import { failoverSetups, overheadLibraries } from './libraries';
import { type OverheadResults, runOverhead, STREAM_TEXT_DELTAS } from './overhead';
import { type BenchReport, benchmarksMarkdown } from './report';
import { HEDGING_CHART, type HedgingReport, hedgingChart, hedgingMarkdown, spliceHedging } from './report-hedging';
import { median } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
// A quick run's figures are not for quoting: it prints them and writes (and saves) nothing.
const write = !quick && !process.argv.includes('--no-write');
const reportOnly = process.argv.includes('--report-only');
const telemetryOnly = process.argv.includes('--telemetry');
const hedgingOnly = process.argv.includes('--hedging');
// Issue 15's scenario: 1,000 streamText calls, 20 at a time.
const hedgingPlan = { calls: quick ? 200 : 1_000, concurrency: 20, seed: 15 };
const CHART = 'docs/bench-time-to-answer.svg';
const LAST_RUN = join(root, 'node_modules/.cache/ai-sdk-fallback/bench-last-run.json');

// Round budgets sized so the whole run (build, overhead, heap, failover, hedging) takes about 11 minutes on 2 idle cores.
const plan = {
  overheadRounds: quick
    ? {
        generateText: { min: 0, max: 20, budgetMs: 1_000 },
        streamText: { min: 0, max: 2, budgetMs: 0 },
        doGenerate: { min: 0, max: 10, budgetMs: 1_000 },
        doStream: { min: 2, max: 2, budgetMs: 0 },
      }
    : {
        // Calls and streamText: per process (see callProcesses).
        generateText: { min: 0, max: 400, budgetMs: 3_000 },
        streamText: { min: 0, max: 8, budgetMs: 25_000 },
        doGenerate: { min: 0, max: 200, budgetMs: 3_000 },
        doStream: { min: 10, max: 40, budgetMs: 8_000 },
      },
  callProcesses: quick ? 1 : 5,
  streamTextDeltas: STREAM_TEXT_DELTAS,
  streamParts: 100_000,
  repetitions: quick ? 2 : 5,
  heapCalls: 100_000,
};

const log = (line: string) => console.log(line);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Heap growth in a fresh process per library and operation, so no library's garbage counts against another. */
function heapChild(library: string, operation: string): Promise<HeapResult> {
  return childJson<HeapResult>(['--expose-gc'], 'bench/heap-child.ts', [library, operation, String(plan.heapCalls)]);
}

type SavedReport = Omit<BenchReport, 'overhead' | 'libraries' | 'setups' | 'hedging'> & {
  overhead: Record<string, [string, unknown][]>;
  hedging?: Omit<HedgingReport, 'setups'>;
};

function withoutSetups({ setups: _, ...figures }: HedgingReport): Omit<HedgingReport, 'setups'> {
  return figures;
}

async function measureHedging(): Promise<HedgingReport> {
  const start = loadAverage();
  log(
    `hedging (HTTP, fake provider on 127.0.0.1, ${hedgingPlan.calls} streamText calls, ${hedgingPlan.concurrency} at a time):`,
  );
  const setups = hedgingSetups();
  const results = await runHedging(setups, hedgingPlan, log);
  return { plan: hedgingPlan, setups, results, date: describeEnvironment().date, load: { start, end: loadAverage() } };
}

function formatMarkdown(): void {
  // The tables are written plainly; the project's formatter aligns them, so `npm run lint` stays green after a run.
  execFileSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', 'BENCHMARKS.md'], {
    cwd: root,
    stdio: 'ignore',
  });
}

if (hedgingOnly) {
  const hedging = await measureHedging();
  const section = hedgingMarkdown(hedging);
  if (write) {
    const path = join(root, 'BENCHMARKS.md');
    writeFileSync(path, spliceHedging(readFileSync(path, 'utf8'), section));
    writeFileSync(join(root, HEDGING_CHART), hedgingChart(hedging));
    formatMarkdown();
    log(`rewrote the hedging section of BENCHMARKS.md and ${HEDGING_CHART}`);
  } else {
    console.log(section.join('\n'));
  }
  process.exit(0);
}

async function measure(): Promise<BenchReport> {
  if (newestSource(join(root, 'src')) > statSync(coreEntry).mtimeMs) {
    console.warn(
      'warning: src/ is newer than dist/index.js; `npm run bench` builds first, `tsx bench/run.ts` does not',
    );
  }

  const started = performance.now();
  const environment = describeEnvironment();
  const loadAtStart = loadAverage();
  log(
    `ai-sdk-fallback benchmarks: ${environment.machine}, Node ${environment.node}, load ${loadAtStart}${quick ? ' (quick)' : ''}`,
  );

  log('overhead (in-memory models):');
  const overhead = await runOverhead(overheadLibraries, plan, log);

  log(`heap (${plan.heapCalls} calls per library and operation, one process each):`);
  // Heap figures do not depend on CPU time, so two children (one per core) run at once.
  const jobs = overheadLibraries.flatMap(library =>
    (['doGenerate', 'doStream'] as const).map(operation => ({ library: library.key, operation })),
  );
  const heap: HeapResult[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const { library, operation } = jobs[index]!;
      const result = await heapChild(library, operation);
      heap[index] = result;
      log(`  ${library} ${operation}: ${result.growthBytes} bytes, ${result.listenersLeft} listeners left`);
    }
  };
  await Promise.all([worker(), worker()]);

  log('failover (HTTP, fake provider on 127.0.0.1):');
  const setups = failoverSetups();
  const failover = await runFailover(setups, plan, log);
  const hedging = await measureHedging();

  return {
    environment,
    load: { start: loadAtStart, end: loadAverage() },
    durationS: (performance.now() - started) / 1000,
    plan,
    libraries: overheadLibraries,
    overhead,
    heap,
    setups,
    failover,
    chartPath: CHART,
    hedging,
  };
}

/** The figures of a run without the code (setups and libraries are rebuilt from this file's imports). */
function save(report: BenchReport): void {
  const { libraries: _libraries, setups: _setups, hedging, ...data } = report;
  const saved: SavedReport = {
    ...data,
    ...(hedging === undefined ? {} : { hedging: withoutSetups(hedging) }),
    overhead: Object.fromEntries(Object.entries(report.overhead).map(([metric, figures]) => [metric, [...figures]])),
  };
  mkdirSync(dirname(LAST_RUN), { recursive: true });
  writeFileSync(LAST_RUN, JSON.stringify(saved));
}

function load(): BenchReport {
  const { hedging, ...saved } = JSON.parse(readFileSync(LAST_RUN, 'utf8')) as SavedReport;
  // Figures saved by an older harness lack this run's workloads: better a clear stop than a broken table.
  if (saved.plan.streamTextDeltas === undefined || !('streamText' in saved.overhead)) {
    throw new Error(`${LAST_RUN} is from an older bench harness: run \`npm run bench\` first`);
  }
  return {
    ...saved,
    libraries: overheadLibraries,
    setups: failoverSetups(),
    ...(hedging === undefined ? {} : { hedging: { ...hedging, setups: hedgingSetups() } }),
    overhead: Object.fromEntries(
      Object.entries(saved.overhead).map(([metric, figures]) => [metric, new Map(figures)]),
    ) as unknown as OverheadResults,
  };
}

if (telemetryOnly) {
  const keys = ['direct', 'ai-sdk-fallback', 'ai-sdk-fallback-traced'];
  const libraries = overheadLibraries.filter(library => keys.includes(library.key));
  log(`telemetry overhead (in-memory models), load ${loadAverage()}${quick ? ' (quick)' : ''}:`);
  const overhead = await runOverhead(libraries, plan, log);
  for (const [metric, figures] of Object.entries(overhead)) {
    const cells = libraries.map(({ key }) => {
      const { value, ratio, ratioRange } = figures.get(key)!;
      return `${key} ${value.toPrecision(3)} ×${ratio.toFixed(3)} (×${ratioRange[0].toFixed(3)}–×${ratioRange[1].toFixed(3)})`;
    });
    log(`${metric}: ${cells.join(' | ')}`);
  }
  log(`load at the end ${loadAverage()}`);
  process.exit(0);
}

const report = reportOnly ? load() : await measure();
if (!reportOnly && !quick) save(report);
const { setups, failover } = report;

const chart = barChartSvg({
  title: 'Time to a complete answer when the primary fails (generateText, @ai-sdk/openai over HTTP)',
  series: setups.map(setup => ({ name: setup.label, color: setup.color })),
  groups: scenarios.map(scenario => ({
    label: scenario.chartLabel,
    values: setups.map(setup => {
      const result = failover.find(r => r.scenario === scenario.key && r.setup === setup.key)!;
      return result.answeredMs.length === 0 ? undefined : median(result.answeredMs);
    }),
  })),
  missingLabel: `no answer in ${CAP_MS / 1000} s`,
  missingAtMs: CAP_MS,
});

const markdown = benchmarksMarkdown(report);
if (write) {
  writeFileSync(join(root, 'BENCHMARKS.md'), markdown);
  writeFileSync(join(root, CHART), chart);
  if (report.hedging !== undefined) writeFileSync(join(root, HEDGING_CHART), hedgingChart(report.hedging));
  formatMarkdown();
  log(
    reportOnly
      ? `rewrote BENCHMARKS.md and ${CHART} from the run of ${report.environment.date}`
      : `wrote BENCHMARKS.md and ${CHART} in ${report.durationS.toFixed(0)} s`,
  );
} else {
  console.log(markdown);
}
