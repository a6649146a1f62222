/** Prints the functions with the most self time in a `.cpuprofile`, grouped by function and file. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, top = '25'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
// Paths relative to the project (wherever it is checked out) or to node_modules.
const root = new URL('..', import.meta.url).href;
const byFunction = new Map<string, number>();
for (const { callFrame, hitCount = 0 } of profile.nodes) {
  const where = callFrame.url.replace(root, '').replace(/^.*\/node_modules\//, '');
  const name = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + hitCount);
}
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
}
