import type { BenchReport } from './bench-report';
import type { HeapResult } from './heap-child';
import type { LibraryKey } from './libraries';
import type { OverheadFigure, OverheadMetric } from './overhead';
import { formatNumber } from './stats';

/** The goals of issue 11 for ai-sdk-fallback's hot path. */
export const GOALS = {
  /** Realistic workloads (`ai` over the real provider): at most this time ratio to calling the model directly. */
  realisticRatio: 1.02,
  /** Heap growth over the run's calls that still counts as none: well under one retained object per call. */
  heapBytes: 1024 * 1024,
} as const;

/** The wrappers compared with calling the model directly, in the table's order. */
export const PEERS: readonly LibraryKey[] = ['ai-retry', 'ai-fallback'];

/** Realistic rows are held to {@link GOALS.realisticRatio}; spec-level rows to "below the best peer". */
const REALISTIC: Record<OverheadMetric, boolean> = {
  generateText: true,
  streamText: true,
  doGenerate: false,
  doStream: false,
};

/** `×1.007`, `×3.52`, `×29.1`: three significant digits, at least two decimals near 1. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `×${ratio >= 10 ? ratio.toFixed(1) : ratio >= 2 ? ratio.toFixed(2) : ratio.toFixed(3)}`;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const bytes = (value: number) => `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) / 1024)} KiB`;

function heapOf(report: BenchReport, key: LibraryKey, operation: HeapResult['operation']) {
  return report.heap.find(result => result.library === key && result.operation === operation);
}

const heapOk = (result: HeapResult | undefined) =>
  result !== undefined && result.growthBytes < GOALS.heapBytes && result.listenersLeft === 0;

/** The best (lowest) ratio among the peers on one workload, with whose it is. */
export function bestPeer(report: BenchReport, metric: OverheadMetric): { key: LibraryKey; ratio: number } {
  return PEERS.filter(key => report.overhead[metric].has(key))
    .map(key => ({ key, ratio: report.overhead[metric].get(key)!.ratio }))
    .reduce((best, peer) => (peer.ratio < best.ratio ? peer : best));
}

/** Whether ai-sdk-fallback meets each goal of the issue, from one run's figures. */
export function verdicts(report: BenchReport): Record<OverheadMetric | 'heap', boolean> {
  const ours = (metric: OverheadMetric) => report.overhead[metric].get('ai-sdk-fallback')!.ratio;
  const goal = (metric: OverheadMetric) =>
    REALISTIC[metric] ? ours(metric) <= GOALS.realisticRatio : ours(metric) < bestPeer(report, metric).ratio;
  return {
    generateText: goal('generateText'),
    streamText: goal('streamText'),
    doGenerate: goal('doGenerate'),
    doStream: goal('doStream'),
    heap: (['doGenerate', 'doStream'] as const).every(op => heapOk(heapOf(report, 'ai-sdk-fallback', op))),
  };
}

/** Whether a library grew the heap in either heap run. */
export function heapGrows(report: BenchReport, key: LibraryKey): boolean {
  return !(['doGenerate', 'doStream'] as const).every(op => heapOk(heapOf(report, key, op)));
}

/** How each workload's absolute figure is shown: `value` is µs per call or ms per stream. */
function absolute(report: BenchReport, metric: OverheadMetric, value: number): string {
  if (metric === 'doStream') return `${formatNumber((value * 1e6) / report.plan.streamParts)} ns/part`;
  return metric === 'streamText' ? `${formatNumber(value)} ms` : `${formatNumber(value)} µs`;
}

/** The overhead table: one row per workload, then the heap rows. */
export function overheadTable(report: BenchReport): string[] {
  const { overhead, libraries, plan } = report;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const head = ['', ...libraries.map(library => library.label), 'goal (ai-sdk-fallback)'];
  const parts = formatNumber(plan.streamParts);
  const titles: Record<OverheadMetric, string> = {
    generateText: '`generateText`, real `@ai-sdk/openai` over an in-memory fetch (µs of CPU per call)',
    streamText: `\`streamText\`, ${formatNumber(plan.streamTextDeltas)} deltas, same (ms of CPU per stream)`,
    doGenerate: 'spec-level `doGenerate`, bare in-memory model (µs of CPU per call)',
    doStream: `spec-level \`doStream\`, ${parts} parts, per part (ns of CPU per part)`,
  };
  const verdict = verdicts(report);
  const goalCell = (metric: OverheadMetric) => {
    if (REALISTIC[metric]) return `≤ ×${GOALS.realisticRatio} ${mark(verdict[metric])}`;
    const best = bestPeer(report, metric);
    return `< best peer (${best.key} ${formatRatio(best.ratio)}) ${mark(verdict[metric])}`;
  };
  const figureCell = (metric: OverheadMetric, key: LibraryKey) => {
    const figure: OverheadFigure = overhead[metric].get(key)!;
    const value = absolute(report, metric, figure.value);
    if (key === 'direct') return value;
    const [low, high] = figure.ratioRange.map(formatRatio);
    return `${formatRatio(figure.ratio)} (${low}–${high})<br>${value}`;
  };
  const heapCell = (operation: HeapResult['operation'], key: LibraryKey) => {
    const result = heapOf(report, key, operation);
    if (result === undefined) return 'n/a';
    const listeners = result.listenersLeft === 0 ? '' : `, ${result.listenersLeft} listeners left`;
    return `${bytes(result.growthBytes)}${listeners}${key === 'direct' ? '' : ` ${mark(heapOk(result))}`}`;
  };
  const calls = formatNumber(plan.heapCalls);
  return [
    row(head),
    row(head.map(() => '---')),
    ...(Object.keys(titles) as OverheadMetric[]).map(metric =>
      row([titles[metric], ...libraries.map(({ key }) => figureCell(metric, key)), goalCell(metric)]),
    ),
    ...(['doGenerate', 'doStream'] as const).map(operation =>
      row([
        `heap after ${calls} \`${operation}\` calls`,
        ...libraries.map(({ key }) => heapCell(operation, key)),
        'no growth',
      ]),
    ),
  ];
}

/** How the overhead rows were measured, for the paragraph above the table. */
export function overheadMethod(report: BenchReport): string {
  const { plan } = report;
  const rounds = (metric: OverheadMetric) => report.overhead[metric].get('direct')!.rounds;
  const processes = report.overhead.generateText.get('direct')!.processes ?? 1;
  return [
    `Each library with its defaults wraps a primary and a fallback that is never needed; "direct" calls the primary itself. The realistic rows run \`ai\`'s \`generateText\` / \`streamText\` over the real \`@ai-sdk/openai\` chat model (\`createOpenAI({ apiKey, fetch }).chat(id)\`) whose \`fetch\` answers in memory, no socket: a canned chat completion in OpenAI's wire format, or an SSE body of ${formatNumber(plan.streamTextDeltas)} one-character content deltas (one frame per read), consumed through \`textStream\` as an app does. The spec-level rows call the wrapper's \`doGenerate\` / \`doStream\` over a bare in-memory model (a plain object whose \`doGenerate\` resolves at once with a fresh result and whose \`doStream\` yields ${formatNumber(plan.streamParts)} text parts, one per pull; not \`MockLanguageModelV4\`, which records every call), and read the stream straight from \`doStream\`: the wrapper's own cost per call and per part.`,
    '',
    `Times are CPU time of the benchmark process (\`process.cpuUsage()\`, user + system): these benchmarks do no I/O, so on an idle machine that is their wall time, and on a busy one the time spent waiting for a core is not counted against whichever library happened to be running. Calls and \`streamText\` are measured in ${processes} fresh processes, one after another (\`bench/calls-child.ts\`): two processes running the same code differ by more than a few percent, each optimizing it its own way, so one process's figure is not the library's. In each, after a warm-up, a round runs one batch per library back to back (10 \`generateText\` calls, 1,000 \`doGenerate\` calls, or one \`streamText\` stream after a minor collection), in an order rotated per round, and takes each library's ratio to direct within the round; a process reports the median over its rounds (a median of ${rounds('generateText')} rounds of \`generateText\`, ${rounds('doGenerate')} of \`doGenerate\` and ${rounds('streamText')} of \`streamText\` per process). Those rows show the median over processes, with the smallest and largest process in parentheses. \`doStream\`: ${rounds('doStream')} rounds in the run's own process, one measured stream per library and round after a warm-up round, each after a minor collection (a full one, forced, slows the streams after it 2–3 times), every library back to back in an order rotated per round; the ratio is taken within a round, and the row shows the median over rounds with the smallest and largest round in parentheses. Each cell then gives the median absolute figure.`,
    '',
    `Heap: ${formatNumber(plan.heapCalls)} sequential calls in a separate process per library (\`MockLanguageModelV4\` from \`ai/test\`, \`--expose-gc\`, \`heapUsed\` after full collections, after a warm-up of ${formatNumber(Math.min(10_000, plan.heapCalls / 10))} calls), every call passing the same long-lived caller \`abortSignal\`; "listeners left" counts \`abort\` listeners still on it.`,
  ].join('\n');
}

/** One line: ai-sdk-fallback against each goal. */
export function goalLine(report: BenchReport): string {
  const v = verdicts(report);
  return `**ai-sdk-fallback against the goals of issue 11**: \`generateText\` ${mark(v.generateText)} · \`streamText\` ${mark(v.streamText)} · spec-level \`doGenerate\` ${mark(v.doGenerate)} · spec-level \`doStream\` ${mark(v.doStream)} · no heap growth ${mark(v.heap)}`;
}
