import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A bundle of the core as an app's bundler would make it: minified, peers and Node built-ins left external. */
export interface CoreBundle {
  /** Every source file the entry reaches, relative to the repository root. */
  inputs: string[];
  /** Every external import of those files (package names and `node:` built-ins). */
  externals: string[];
  minifiedBytes: number;
  gzipBytes: number;
}

/** Bundles `contents` (an entry importing from `./src/index`) with esbuild and reads its metafile. */
export async function bundleCore(contents: string): Promise<CoreBundle> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const metafile: Metafile = result.metafile;
  const externals = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) if (imported.external) externals.add(imported.path);
  }
  return {
    inputs: Object.keys(metafile.inputs).filter(path => path !== 'entry.ts'),
    externals: [...externals].sort(),
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
  };
}
