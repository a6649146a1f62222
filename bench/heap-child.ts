/**
 * Heap growth of one library over many sequential calls, in a process of its
 * own (so one library's garbage never counts against another):
 *
 *   node --expose-gc --import tsx bench/heap-child.ts <library> <doGenerate|doStream> [calls]
 *
 * Every call passes the same long-lived caller `abortSignal`, as a server
 * passing its request's signal would: a wrapper that forgets to remove its
 * listener from it leaks one per call. Prints one JSON line.
 */
import { getEventListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { callOptions, inMemoryModel } from './in-memory-models';
import { type BenchModel, type LibraryKey, overheadLibraries } from './libraries';

export interface HeapResult {
  library: LibraryKey;
  operation: 'doGenerate' | 'doStream';
  calls: number;
  /** `heapUsed` after the calls minus before, both after full collections. */
  growthBytes: number;
  /** `abort` listeners left on the caller's signal. */
  listenersLeft: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const [key, operation = 'doGenerate', count = '100000'] = process.argv.slice(2);
const library = overheadLibraries.find(candidate => candidate.key === key);
if (library === undefined) throw new Error(`library: expected one of ${overheadLibraries.map(l => l.key).join(', ')}`);
if (operation !== 'doGenerate' && operation !== 'doStream')
  throw new Error('operation: expected doGenerate or doStream');
const calls = Number(count);

const subject = library.wrap(inMemoryModel('primary'), inMemoryModel('fallback'));
const caller = new AbortController();
const options = { ...callOptions, abortSignal: caller.signal };

async function call(model: BenchModel): Promise<void> {
  if (operation === 'doGenerate') {
    await model.doGenerate(options);
    return;
  }
  const reader = (await model.doStream(options)).stream.getReader();
  while (!(await reader.read()).done) {}
}

/** Full collections until the heap stops shrinking, with a turn of the event loop between for finalizers. */
async function settledHeap(): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 10; i++) {
    await sleep(10);
    gc!();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 1024) return used;
    previous = used;
  }
  return previous;
}

// Warm-up: lets the JIT and every lazily created cache reach their steady size before the baseline.
for (let i = 0; i < Math.min(10_000, calls / 10); i++) await call(subject);
const before = await settledHeap();
for (let i = 0; i < calls; i++) await call(subject);
const after = await settledHeap();

const result: HeapResult = {
  library: library.key,
  operation,
  calls,
  growthBytes: after - before,
  listenersLeft: getEventListeners(caller.signal, 'abort').length,
};
console.log(JSON.stringify(result));
