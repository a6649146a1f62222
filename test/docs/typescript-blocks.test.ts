// Every `ts` block of the README, CONTRIBUTING.md and docs/*.md type-checks as written, against this
// repository's sources: a user who copies one gets code that compiles.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config';
import { documentationPages, type FencedBlock, fencedBlocks, REPO_ROOT, readPage } from '../helpers/markdown-blocks';

const pages = documentationPages();
// Blocks become in-memory files here, so `ai`, `vitest` and the provider packages resolve from node_modules.
const BLOCKS_DIR = join(REPO_ROOT, 'test/docs/__blocks__');
// A block that starts with `// lib/ai.ts` is that file (another block of its page imports it as `@/lib/ai`).
const FILE_NAME_LINE = /^\/\/ ([\w./-]+\.ts)\n/;

interface PageBlock extends FencedBlock {
  page: string;
  fileName: string;
}

function pageSlug(page: string): string {
  return page.replace(/\.md$/, '').replace(/\//g, '-');
}

const blocks: PageBlock[] = pages.flatMap(page =>
  fencedBlocks(readPage(page))
    .filter(block => block.lang === 'ts')
    .map((block, index) => ({
      ...block,
      page,
      fileName: join(BLOCKS_DIR, pageSlug(page), FILE_NAME_LINE.exec(block.code)?.[1] ?? `block-${index + 1}.ts`),
    })),
);

/** `ai-sdk-fallback` and its subpaths mapped to the sources their build entries are made from. */
function packagePaths(): Record<string, string[]> {
  const { exports } = JSON.parse(readPage('package.json')) as { exports: Record<string, unknown> };
  const { entry } = tsupConfig as { entry: Record<string, string> };
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(exports)) {
    const built = (target as { import?: { default?: string } }).import?.default;
    const source = built && entry[built.replace(/^\.\/dist\/|\.js$/g, '')];
    if (source) paths[`ai-sdk-fallback${subpath.slice(1)}`] = [join(REPO_ROOT, source)];
  }
  return paths;
}

function typeCheck(): Map<string, string[]> {
  const { config } = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    // Each block is its own module even without imports, so blocks never clash over top-level names.
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: { ...packagePaths(), '@/*': pages.map(page => join(BLOCKS_DIR, pageSlug(page), '*')) },
  };
  const files = new Map(blocks.map(block => [block.fileName, block.code]));
  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, directoryExists, readFile, getSourceFile } = host;
  host.fileExists = name => files.has(name) || fileExists.call(host, name);
  host.directoryExists = name => name.startsWith(BLOCKS_DIR) || directoryExists!.call(host, name);
  host.readFile = name => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const code = files.get(name);
    return code === undefined
      ? getSourceFile.call(host, name, language, ...rest)
      : ts.createSourceFile(name, code, language);
  };
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  const errors = new Map<string, string[]>(blocks.map(block => [block.fileName, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (file === undefined || !errors.has(file.fileName)) {
      // Outside the blocks (options, lib or sources): reported against every block, since all depend on it.
      for (const list of errors.values()) list.push(text);
      continue;
    }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    errors.get(file.fileName)!.push(`block line ${line + 1}: ${text}`);
  }
  return errors;
}

let checked: Map<string, string[]> | undefined;

describe('TypeScript blocks of the documentation', { timeout: 120_000 }, () => {
  it('exist on the README and the docs pages', () => {
    expect(blocks.filter(block => block.page === 'README.md').length).toBeGreaterThan(0);
    expect(new Set(blocks.map(block => block.page)).size).toBeGreaterThan(3);
    expect(new Set(blocks.map(block => block.fileName)).size).toBe(blocks.length);
  });

  it.each(blocks.map(block => [`${block.page}:${block.line} (${block.heading})`, block] as const))(
    '%s type-checks',
    (_, block) => {
      checked ??= typeCheck();
      expect(checked.get(block.fileName)).toEqual([]);
    },
  );
});
