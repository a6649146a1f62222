import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)["']([^"']+)["']/gm;

/** The module specifiers a built file imports or requires, in order of appearance. */
function specifiersOf(code: string): string[] {
  return [...code.matchAll(IMPORT)].map(match => match[1]!);
}

/** `node:fs`, or a bare built-in name as tsup writes it (`fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
}

/**
 * What an entry of a build reaches: every built file it loads through relative
 * imports (shared chunks included), and each of those files' other imports.
 */
export function builtImports(dir: string, entry: string): { files: string[]; externals: Map<string, string[]> } {
  const files: string[] = [];
  const externals = new Map<string, string[]>();
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    for (const specifier of specifiersOf(readFileSync(join(dir, file), 'utf8'))) {
      if (specifier.startsWith('.')) visit(relative(dir, join(dir, dirname(file), specifier)));
      else externals.set(specifier, [...(externals.get(specifier) ?? []), file]);
    }
  };
  visit(entry);
  return { files, externals };
}
