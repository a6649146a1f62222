/**
 * One process's measurement of a call workload of the overhead table (bench/overhead.ts starts
 * several, one after another, and reports the median over processes):
 *
 *   node --expose-gc --import tsx bench/calls-child.ts <generateText|doGenerate|streamText> <maxRounds> <budgetMs> [library,...]
 *
 * Each round runs one batch of calls per library, back to back, in an order rotated per round,
 * and takes each library's ratio to direct within the round: a slow phase of the machine lands
 * on every library of that round. tinybench runs one task to its end before the next, so it
 * cannot interleave batches like this. Prints one JSON line, {@link CallsChildResult}.
 */
import { type LibraryKey, overheadLibraries } from './libraries';
import { CALL_WORKLOADS, type CallMetric } from './overhead';
import { cpuNow, median } from './stats';

export interface CallsChildResult {
  rounds: number;
  /** Per library: the median over rounds of its ratio to direct, and of its µs of CPU per call. */
  figures: Record<LibraryKey, { ratio: number; value: number }>;
}

const [metric, maxRounds = '200', budgetMs = '3000', keys] = process.argv.slice(2);
const workload = CALL_WORKLOADS[metric as CallMetric];
if (workload === undefined) throw new Error(`metric: expected one of ${Object.keys(CALL_WORKLOADS).join(', ')}`);
const { model, batch, run, beforeBatch } = workload;
const known: string[] = overheadLibraries.map(({ key }) => key);
const wanted = keys?.split(',') ?? known;
if (!wanted.includes('direct') || wanted.some(key => !known.includes(key))) {
  throw new Error(`libraries: expected 'direct' and any of ${known.join(', ')}; got ${wanted.join(', ')}`);
}
const chosen = overheadLibraries.filter(({ key }) => wanted.includes(key));
const subjects = chosen.map(library => ({
  key: library.key,
  model: library.wrap(model('primary'), model('fallback')),
}));

// Warm-up: every library's code (and the SDK's) reaches its optimized state before anything is measured.
const WARM_UP_MS = 1_000;
const warming = performance.now();
while (performance.now() - warming < WARM_UP_MS) {
  for (const { model: subject } of subjects) for (let c = 0; c < batch; c++) await run(subject);
}

const ratios = new Map<LibraryKey, number[]>(subjects.map(({ key }) => [key, []]));
const values = new Map<LibraryKey, number[]>(subjects.map(({ key }) => [key, []]));
const started = performance.now();
let rounds = 0;
while (rounds === 0 || (rounds < Number(maxRounds) && performance.now() - started < Number(budgetMs))) {
  const shift = rounds % subjects.length;
  const perCall = new Map<LibraryKey, number>();
  for (const { key, model: subject } of [...subjects.slice(shift), ...subjects.slice(0, shift)]) {
    beforeBatch?.();
    const start = cpuNow();
    for (let c = 0; c < batch; c++) await run(subject);
    perCall.set(key, ((cpuNow() - start) * 1000) / batch);
  }
  for (const [key, value] of perCall) {
    ratios.get(key)!.push(value / perCall.get('direct')!);
    values.get(key)!.push(value);
  }
  rounds++;
}

const figures = Object.fromEntries(
  subjects.map(({ key }) => [key, { ratio: median(ratios.get(key)!), value: median(values.get(key)!) }]),
) as CallsChildResult['figures'];
console.log(JSON.stringify({ rounds, figures } satisfies CallsChildResult));
