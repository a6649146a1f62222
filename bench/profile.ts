/**
 * A tight loop over one operation of one library, for `--cpu-prof`:
 *
 *   node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile.ts ai-sdk-fallback doGenerate
 *   npx tsx bench/profile-summary.ts .profiles/<file>.cpuprofile
 */
import { generateText } from 'ai';
import { callOptions, inMemoryModel } from './in-memory-models';
import { type LibraryKey, overheadLibraries } from './libraries';

const [key = 'ai-sdk-fallback', operation = 'doGenerate', seconds = '5'] = process.argv.slice(2);
const library = overheadLibraries.find(candidate => candidate.key === (key as LibraryKey));
if (library === undefined) throw new Error(`library: expected one of ${overheadLibraries.map(l => l.key).join(', ')}`);
const parts = 100_000;
const subject = library.wrap(
  inMemoryModel('primary', { streamParts: parts }),
  inMemoryModel('fallback', { streamParts: parts }),
);

const operations: Record<string, () => Promise<unknown>> = {
  doGenerate: () => Promise.resolve(subject.doGenerate(callOptions)),
  generateText: () => generateText({ model: subject.model, prompt: 'Hello', maxRetries: 0 }),
  doStream: async () => {
    const reader = (await subject.doStream(callOptions)).stream.getReader();
    while (!(await reader.read()).done) {}
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
