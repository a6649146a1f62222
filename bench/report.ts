import type { Environment } from './environment';
import { CAP_MS, type FailoverResult, type ScenarioKey, scenarios } from './failover';
import type { HeapResult } from './heap-child';
import type { FailoverSetup, LibraryKey, OverheadLibrary } from './libraries';
import type { OverheadFigure, OverheadMetric, OverheadResults, RoundPlan } from './overhead';
import { formatMs, formatNumber, median } from './stats';

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  environment: Environment;
  load: { start: string; end: string };
  durationS: number;
  plan: {
    overheadRounds: Record<OverheadMetric, RoundPlan>;
    streamParts: number;
    repetitions: number;
    heapCalls: number;
  };
  libraries: readonly OverheadLibrary[];
  overhead: OverheadResults;
  heap: HeapResult[];
  setups: readonly FailoverSetup[];
  failover: FailoverResult[];
  chartPath: string;
}

/** The goals of the issue: what "no overhead" means. */
export const GOALS = {
  callRatio: 1.05,
  streamThroughput: 0.95,
  /** Heap growth over the run's calls that still counts as none: well under one retained object per call. */
  heapBytes: 1024 * 1024,
} as const;

const WRAPPERS: LibraryKey[] = ['ai-sdk-fallback', 'ai-fallback', 'ai-retry'];

const ratio = (figure: OverheadFigure) =>
  `×${figure.ratio.toFixed(2)} (${figure.ratioRange[0].toFixed(2)}–${figure.ratioRange[1].toFixed(2)})`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');
const bytes = (value: number) => `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) / 1024)} KiB`;

/** Rounds a metric actually got (the plan's maximum, or fewer when its time budget ran out). */
function rounds(report: BenchReport, metric: OverheadMetric): number {
  return report.overhead[metric].get('direct')!.rounds;
}

function heapOf(report: BenchReport, key: LibraryKey, operation: HeapResult['operation']) {
  return report.heap.find(result => result.library === key && result.operation === operation);
}

/** Whether a wrapper meets each goal, from one run's figures. */
export function verdicts(report: BenchReport, key: LibraryKey) {
  const { overhead } = report;
  const heap = (['doGenerate', 'doStream'] as const).map(operation => heapOf(report, key, operation));
  return {
    generateText: overhead.generateText.get(key)!.ratio <= GOALS.callRatio,
    doGenerate: overhead.doGenerate.get(key)!.ratio <= GOALS.callRatio,
    stream: 1 / overhead.streamText.get(key)!.ratio >= GOALS.streamThroughput,
    heap: heap.every(
      result => result !== undefined && result.growthBytes < GOALS.heapBytes && result.listenersLeft === 0,
    ),
  };
}

function overheadTable(report: BenchReport): string[] {
  const { overhead, libraries } = report;
  const head = ['', ...libraries.map(library => library.label), 'goal'];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const perLibrary = (render: (key: LibraryKey) => string) => libraries.map(({ key }) => render(key));
  const timeCell = (
    figures: Map<LibraryKey, OverheadFigure>,
    unit: string,
    goal: (figure: OverheadFigure) => boolean,
  ) =>
    perLibrary(key => {
      const figure = figures.get(key)!;
      if (key === 'direct') return `${formatNumber(figure.value)} ${unit}`;
      return `${formatNumber(figure.value)} ${unit}<br>${ratio(figure)} ${mark(goal(figure))}`;
    });
  const throughputCell = (figures: Map<LibraryKey, OverheadFigure>, goal: boolean) =>
    perLibrary(key => {
      const figure = figures.get(key)!;
      const partsPerSecond = report.plan.streamParts / (figure.value / 1000);
      if (key === 'direct')
        return `${formatNumber(figure.value)} ms (${formatNumber(partsPerSecond / 1000)} k parts/s)`;
      const throughput = 1 / figure.ratio;
      return `${formatNumber(figure.value)} ms<br>throughput ×${throughput.toFixed(2)}${goal ? ` ${mark(throughput >= GOALS.streamThroughput)}` : ''}`;
    });
  const heapCell = (operation: HeapResult['operation']) =>
    perLibrary(key => {
      const result = heapOf(report, key, operation);
      if (result === undefined) return 'n/a';
      const ok = result.growthBytes < GOALS.heapBytes && result.listenersLeft === 0;
      const listeners = result.listenersLeft === 0 ? '' : `, ${result.listenersLeft} listeners left`;
      return `${bytes(result.growthBytes)}${listeners}${key === 'direct' ? '' : ` ${mark(ok)}`}`;
    });
  const calls = formatNumber(report.plan.heapCalls);
  const parts = formatNumber(report.plan.streamParts);
  return [
    row(head),
    row(head.map(() => '---')),
    row([
      '`generateText`, in-memory model (µs of CPU per call)',
      ...timeCell(overhead.generateText, 'µs', f => f.ratio <= GOALS.callRatio),
      `≤ ×${GOALS.callRatio}`,
    ]),
    row([
      '`doGenerate` alone, in-memory model (µs of CPU per call)',
      ...timeCell(overhead.doGenerate, 'µs', f => f.ratio <= GOALS.callRatio),
      `≤ ×${GOALS.callRatio}`,
    ]),
    row([
      `\`streamText\`, ${parts} text parts (ms of CPU per stream)`,
      ...throughputCell(overhead.streamText, true),
      `≥ ×${GOALS.streamThroughput}`,
    ]),
    row([
      `\`doStream\` alone, ${parts} text parts (ms of CPU per stream)`,
      ...throughputCell(overhead.doStream, false),
      '–',
    ]),
    row([`heap after ${calls} \`doGenerate\` calls`, ...heapCell('doGenerate'), 'no growth']),
    row([`heap after ${calls} \`doStream\` calls`, ...heapCell('doStream'), 'no growth']),
  ];
}

function cellFor(result: FailoverResult | undefined, showAttempts: boolean): string {
  if (result === undefined) return 'n/a';
  if (result.answeredMs.length === 0) {
    return `**no answer** (${result.unanswered[0] ?? 'unknown'})`;
  }
  const times = result.answeredMs;
  const spread = times.length > 1 ? ` (${formatMs(Math.min(...times))}–${formatMs(Math.max(...times))})` : '';
  const unanswered = result.unanswered.length > 0 ? `, ${result.unanswered.length} unanswered` : '';
  const attempts = showAttempts ? `<br>${formatNumber(median(result.primaryAttempts))} primary attempt(s)` : '';
  return `${formatMs(median(times))}${spread}${unanswered}${attempts}`;
}

function failoverTable(report: BenchReport): string[] {
  const { setups, failover } = report;
  const find = (scenario: ScenarioKey, setup: string) =>
    failover.find(r => r.scenario === scenario && r.setup === setup);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [row(['', ...setups.map(setup => setup.label)]), row(['---', ...setups.map(() => '---')])];
  for (const scenario of scenarios) {
    if (scenario.sequential !== undefined) {
      lines.push(
        row([
          `${scenario.title}: median per request`,
          ...setups.map(setup => cellFor(find(scenario.key, setup.key), false)),
        ]),
        row([
          `${scenario.title}: primary attempts in all`,
          ...setups.map(setup =>
            String(find(scenario.key, setup.key)?.primaryAttempts.reduce((a, b) => a + b, 0) ?? 'n/a'),
          ),
        ]),
        row([
          `${scenario.title}: all ${scenario.sequential} answers`,
          ...setups.map(setup => {
            const result = find(scenario.key, setup.key);
            if (result === undefined) return 'n/a';
            const total = result.answeredMs.reduce((a, b) => a + b, 0);
            return `${formatMs(total)}${result.unanswered.length > 0 ? ` + ${result.unanswered.length} unanswered` : ''}`;
          }),
        ]),
      );
    } else {
      lines.push(row([scenario.title, ...setups.map(setup => cellFor(find(scenario.key, setup.key), true))]));
    }
  }
  return lines;
}

/** BENCHMARKS.md. */
export function benchmarksMarkdown(report: BenchReport): string {
  const { environment: env, plan } = report;
  const wrappers = WRAPPERS.filter(key => report.libraries.some(library => library.key === key));
  const goalLines = wrappers.map(key => {
    const v = verdicts(report, key);
    const label = report.libraries.find(library => library.key === key)!.label;
    return `- **${label}**: \`generateText\` overhead ${mark(v.generateText)} · \`doGenerate\` overhead ${mark(v.doGenerate)} · \`streamText\` throughput ${mark(v.stream)} · no heap growth ${mark(v.heap)}`;
  });
  return `${[
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Edits by hand are overwritten. -->',
    '',
    'What `ai-sdk-fallback` costs when nothing fails, and how fast each library gets an answer when the primary model fails, measured side by side with [`ai-fallback`](https://github.com/remorses/ai-fallback) and [`ai-retry`](https://github.com/zirkelc/ai-retry) in one run. Figures are medians; ratios are taken within one round against calling the model directly, then the median over rounds is shown with the smallest and largest round in parentheses.',
    '',
    '## Run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${env.date} |`,
    `| machine | ${env.machine} |`,
    `| load average (1 min) | ${report.load.start} at start, ${report.load.end} at end (other work on the machine adds noise) |`,
    `| Node | ${env.node} |`,
    `| packages | ${Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')} |`,
    `| source | ${env.revision} |`,
    `| duration | ${formatNumber(report.durationS)} s |`,
    '',
    'Commands:',
    '',
    '```sh',
    'npm run bench          # npm run build && node --expose-gc --import tsx bench/run.ts: everything below, writes BENCHMARKS.md and the chart',
    'npm run bench -- --quick                                         # fewer rounds, for a smoke test (not for quoting)',
    `node --expose-gc --import tsx bench/heap-child.ts ai-sdk-fallback doGenerate ${plan.heapCalls}   # one heap figure (the run starts one such process per library and operation)`,
    'node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile.ts ai-sdk-fallback doGenerate 5 && npx tsx bench/profile-summary.ts .profiles/*.cpuprofile',
    '```',
    '',
    '## Overhead when nothing fails',
    '',
    `In-memory models (\`MockLanguageModelV4\` from \`ai/test\`), a primary and a fallback that is never needed, each library with its defaults. Times are CPU time of the benchmark process (\`process.cpuUsage()\`, user + system): these benchmarks do no I/O, so on an idle machine that is their wall time, and on a busy one the time spent waiting for a core is not counted against whichever library happened to be running. ${rounds(report, 'generateText')} rounds for calls (tinybench, batches of 200 \`doGenerate\` / 20 \`generateText\` calls per sample, 30 ms per library and round, so the libraries compared in a round ran within a fraction of a second of each other), ${rounds(report, 'streamText')} rounds for streams (one measured stream per library and round, after a warm-up round). Each round measures every library back to back, in an order rotated per round. \`streamText\` is consumed through \`textStream\`, as an app does; \`doStream\` is read straight from the model to show the wrapper's own per-part cost. Heap: ${formatNumber(plan.heapCalls)} sequential calls in a separate process per library (\`--expose-gc\`, \`heapUsed\` after full collections, after a warm-up of ${formatNumber(Math.min(10_000, plan.heapCalls / 10))} calls), every call passing the same long-lived caller \`abortSignal\`; "listeners left" counts \`abort\` listeners still on it.`,
    '',
    ...overheadTable(report),
    '',
    ...goalLines,
    '',
    '## Failover: time to a complete answer',
    '',
    `\`generateText({ model, prompt, maxRetries: 0 })\` through the real \`@ai-sdk/openai\` (Responses API) against the fake provider (\`startFakeProvider\` from \`ai-sdk-fallback/testing\`) over HTTP on 127.0.0.1: models \`primary\` and \`fallback\`, the fallback always answers. Each single-request scenario is repeated ${plan.repetitions} times per library (fresh wrapped model each time, libraries interleaved); medians with the fastest and slowest in parentheses. The 20-request scenario uses one wrapped model for all 20, as an app does, so state a library keeps between requests counts. A request still running after ${CAP_MS / 1000} s is aborted by the harness and counts as no answer (a library that gets no answer twice is not asked again).`,
    '',
    ...failoverTable(report),
    '',
    `![Time to a complete answer per scenario and library](${report.chartPath})`,
    '',
    '### Configurations',
    '',
    'Each as its README recommends for "use another model when the primary fails", with a 1 s timeout where the library has one, and `maxRetries: 0` on the `generateText` call (all three READMEs ask for it).',
    '',
    ...report.setups.flatMap(setup => [`**${setup.label}**`, '', '```ts', setup.configuration, '```', '']),
    '## Notes',
    '',
    '- `ai-fallback` 2.x targets AI SDK 6 (spec `v3`) and has no AI SDK 7 release; it passes the call options through untouched, so the V4 models inside it work, and `ai` adapts its `v3` wrapper on every call. It has no timeout, so a primary that never answers holds the call until the caller gives up. After a failure it stays on the fallback for `modelResetInterval` (3 min), which is why it asks the primary once in the 20-request scenario; the same state is shared by every concurrent request of the instance.',
    "- `ai-retry` gets its 1 s for the primary from the caller's `abortSignal` (its README's way for a model-level deadline under `generateText`); its fallback gets a fresh 1 s. With the default `reset: 'after-request'` every request starts at the primary again.",
    '- `ai-sdk-fallback` by default retries a 503 or 429 on the same model twice (backoff 0.5 s then 1 s, halved at random; a `Retry-After` is waited for) before it falls back: the defaults favour the primary. `maxRetriesPerModel: 0` falls back at once. The circuit breaker (on by default, where present) stops asking a primary that failed 3 times for 30 s.',
    '- The in-memory ratios are upper bounds: a real model call takes 100 ms to minutes, so the microseconds a wrapper adds vanish against it; they matter only as a measure of the hot path.',
    '',
  ].join('\n')}`;
}
