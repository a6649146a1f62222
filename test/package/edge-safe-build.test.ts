/**
 * Edge runtimes (Next.js `runtime = 'edge'`, workers) have Web APIs and no Node built-ins: the
 * core and `ai-sdk-fallback/config`, as built for `dist/`, must import none (`node:fs`, or `fs` as
 * the build writes it). The build is the package's own tsup config, into a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtImports, isNodeBuiltin } from '../../scripts/built-imports';
import tsupConfig from '../../tsup.config';

const EDGE_SAFE_ENTRIES = ['index.js', 'index.cjs', 'config.js', 'config.cjs'];
const outDir = mkdtempSync(join(tmpdir(), 'ai-sdk-fallback-build-'));

beforeAll(async () => {
  await build({ ...(tsupConfig as Options), outDir, dts: false, sourcemap: false, silent: true, config: false });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built core and config entry import no Node built-in', () => {
  it.each(EDGE_SAFE_ENTRIES)('%s', entry => {
    const { files, externals } = builtImports(outDir, entry);
    expect(files.length).toBeGreaterThan(0);
    const builtins = [...externals].filter(([specifier]) => isNodeBuiltin(specifier));
    expect(Object.fromEntries(builtins), 'Node built-ins, with the files importing them').toEqual({});
  });

  it('the check sees a built-in where there is one: the testing kit imports node:http', () => {
    const { externals } = builtImports(outDir, 'testing.js');
    expect([...externals.keys()].some(isNodeBuiltin)).toBe(true);
  });
});
