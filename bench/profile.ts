/**
 * A tight loop over one workload of the overhead table for one library, for `--cpu-prof`:
 *
 *   node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile.ts ai-sdk-fallback doGenerate 5
 *   npx tsx bench/profile-summary.ts .profiles/<file>.cpuprofile
 *
 * Workloads as in BENCHMARKS.md: `doGenerate` and `doStream` (100,000 parts) over the bare
 * in-memory model, `generateText` and `streamText` (20,000 deltas) over the real
 * `@ai-sdk/openai` with an in-memory fetch.
 */
import { generateText, streamText } from 'ai';
import { bareModel, callOptions } from './in-memory-models';
import { inMemoryOpenAIModel } from './in-memory-openai';
import { type LibraryKey, overheadLibraries } from './libraries';

const [key = 'ai-sdk-fallback', operation = 'doGenerate', seconds = '5'] = process.argv.slice(2);
const library = overheadLibraries.find(candidate => candidate.key === (key as LibraryKey));
if (library === undefined) throw new Error(`library: expected one of ${overheadLibraries.map(l => l.key).join(', ')}`);
const parts = 100_000;
const deltas = 20_000;
const spec = library.wrap(bareModel('primary', { streamParts: parts }), bareModel('fallback', { streamParts: parts }));
const openai = library.wrap(
  inMemoryOpenAIModel('primary', { streamDeltas: deltas }),
  inMemoryOpenAIModel('fallback', { streamDeltas: deltas }),
);

const operations: Record<string, () => Promise<unknown>> = {
  doGenerate: () => Promise.resolve(spec.doGenerate(callOptions)),
  doStream: async () => {
    const reader = (await spec.doStream(callOptions)).stream.getReader();
    while (!(await reader.read()).done) {}
  },
  generateText: () => generateText({ model: openai.model, prompt: 'Hello', maxRetries: 0 }),
  streamText: async () => {
    const result = streamText({ model: openai.model, prompt: 'Hello', maxRetries: 0 });
    for await (const _ of result.textStream) {
    }
  },
};
const run = operations[operation];
if (run === undefined) throw new Error(`operation: expected one of ${Object.keys(operations).join(', ')}`);

const until = performance.now() + Number(seconds) * 1000;
let count = 0;
while (performance.now() < until) {
  await run();
  count++;
}
console.log(`${key} ${operation}: ${count} operations in ${seconds} s`);
