import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: pages are named relative to it (`README.md`, `docs/health.md`). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One fenced code block of a markdown page. */
export interface FencedBlock {
  /** The info string's first word (`ts`, `json`, `sh`), or `''`. */
  lang: string;
  /** The block's text, without the fences and without the indentation of a block inside a list item. */
  code: string;
  /** 1-based line of the opening fence, for messages that point at the page. */
  line: number;
  /** The `##`/`###` heading the block stands under (`''` before the first). */
  heading: string;
}

/** The documentation a user or contributor reads: the README, CONTRIBUTING.md and every page of docs/. */
export function documentationPages(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter(file => file.endsWith('.md'));
  return ['README.md', 'CONTRIBUTING.md', ...docs.map(file => `docs/${file}`)];
}

/** A file of the repository (a page, `package.json`), read as it is on disk. */
export function readPage(page: string): string {
  return readFileSync(join(REPO_ROOT, page), 'utf8');
}

// A fence opens with three or more backticks, possibly indented (a block inside a list item).
const FENCE = /^( *)(`{3,})(.*)$/;
const HEADING = /^#{2,6} (.*)$/;

/** Every fenced code block of `markdown`, in order, with the heading each stands under. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const headingMatch = HEADING.exec(line);
    if (headingMatch) heading = headingMatch[1]!;
    const open = FENCE.exec(line);
    if (!open) continue;
    const [, indent, ticks, info] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== ticks) body.push(lines[j++]!.slice(indent.length));
    if (j === lines.length) throw new Error(`unclosed code fence at line ${i + 1}`);
    blocks.push({ lang: info.trim().split(/\s+/)[0] ?? '', code: `${body.join('\n')}\n`, line: i + 1, heading });
    i = j;
  }
  return blocks;
}
