// Every relative link and image of the documentation points at a file of the repository, and every
// `#anchor` at a heading of the page it names: moving a section never leaves a dead link behind.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentationPages, REPO_ROOT, readPage } from '../helpers/markdown-blocks';

const LINK = /!?\[[^\]]*\]\(([^)\s]+)\)/g;

/** The page without its code: a link-shaped text in a code block or span is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^( *)(`{3,})[^\n]*\n[\s\S]*?^\1\2 *$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lowercased, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(page: string): string[] {
  return [...readPage(page).matchAll(/^#{1,6} (.*)$/gm)].map(match => anchor(match[1]!));
}

describe('links between the documentation pages', () => {
  it.each(documentationPages())('%s: every relative link resolves', page => {
    const dead: string[] = [];
    for (const [, target] of prose(readPage(page)).matchAll(LINK)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      const [path, hash] = target!.split('#') as [string, string | undefined];
      const file = path === '' ? page : relative(REPO_ROOT, join(REPO_ROOT, dirname(page), path));
      if (!existsSync(join(REPO_ROOT, file))) dead.push(`${target}: no file ${file}`);
      else if (hash !== undefined && file.endsWith('.md') && !anchorsOf(file).includes(hash)) {
        dead.push(`${target}: no heading #${hash} in ${file}`);
      }
    }
    expect(dead).toEqual([]);
  });
});
