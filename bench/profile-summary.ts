/**
 * Prints the functions with the most self time in `.cpuprofile` files, grouped by function and file:
 *
 *   npx tsx bench/profile-summary.ts .profiles/*.cpuprofile [top]
 *
 * `node --cpu-prof` writes one file per thread (under tsx, the loader's worker too): each file is
 * summarized on its own, the one with the most samples (the main thread) first.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const args = process.argv.slice(2);
const files = args.filter(arg => arg.endsWith('.cpuprofile'));
const top = Number(args.find(arg => /^\d+$/.test(arg)) ?? 25);
if (files.length === 0) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile>... [top]');
// Paths relative to the project (wherever it is checked out) or to node_modules.
const root = new URL('..', import.meta.url).href;

const profiles = files
  .map(file => {
    const { nodes } = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
    return { file, nodes, total: nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) };
  })
  .sort((a, b) => b.total - a.total);

for (const { file, nodes, total } of profiles) {
  const byFunction = new Map<string, number>();
  for (const { callFrame, hitCount = 0 } of nodes) {
    const where = callFrame.url.replace(root, '').replace(/^.*\/node_modules\//, '');
    const name = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hitCount);
  }
  if (profiles.length > 1) console.log(`${file} (${total} samples)`);
  for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
}
