/**
 * `npm run check:package`, after `npm run build`: the package as npm would
 * publish it.
 *
 * 1. `npm pack --dry-run`: only publishable files, and every file the exports map points at.
 * 2. publint (strict: warnings fail too).
 * 3. @arethetypeswrong/cli with `--profile node16`: types resolve for `import` and `require`
 *    under node16 and bundler resolution. The default profile also checks `node10`
 *    (TypeScript's legacy `moduleResolution: node`), which ignores `exports` and so cannot
 *    see any subpath (`ai-sdk-fallback/testing`): the package needs Node >= 22, whose users
 *    compile with node16/nodenext/bundler, and `ai` itself ships ESM only.
 * 4. The built core (`dist/index.js`, `dist/index.cjs`) imports none of the modules it must not load, and
 *    neither it nor the config entry reaches a Node built-in (Edge runtimes have none).
 * 5. Every entry point loads with `import` and with `require` on this Node (the CJS build
 *    requires `ai`, which ships ESM only: that needs Node's require(esm), 22.12 or later).
 * 6. In a folder where `@opentelemetry/api` cannot be resolved, the package loads and works
 *    (`scripts/check-without-otel.ts`).
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { builtImports, isNodeBuiltin } from './built-imports';
import { checkWithoutOtel } from './check-without-otel';
import { FORBIDDEN_IN_CORE, isPackage, isPublishable, PACKED_ROOT_FILES } from './package-rules';

const root = fileURLToPath(new URL('..', import.meta.url));
const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.error(`  ✗ ${message}`);
};
const ok = (message: string) => console.log(`  ✓ ${message}`);

/** Every file path an `exports` entry points at, e.g. `dist/index.js`. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

async function checkPackedFiles(): Promise<void> {
  console.log('npm pack --dry-run');
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[]; size: number; unpackedSize: number }[];
  const files = new Set(pack!.files.map(file => file.path));
  const extra = [...files].filter(path => !isPublishable(path));
  if (extra.length > 0) fail(`files that do not belong in the tarball: ${extra.join(', ')}`);
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: unknown };
  const missing = [...PACKED_ROOT_FILES, ...exportTargets(manifest.exports)].filter(path => !files.has(path));
  if (missing.length > 0) fail(`files missing from the tarball: ${missing.join(', ')}`);
  if (extra.length === 0 && missing.length === 0) {
    ok(
      `${files.size} files, ${(pack!.size / 1024).toFixed(0)} kB packed, ${(pack!.unpackedSize / 1024).toFixed(0)} kB unpacked`,
    );
  }
}

async function checkPublint(): Promise<void> {
  console.log('publint (strict)');
  const { messages, pkg } = await publint({ pkgDir: root, pack: 'npm', strict: true });
  for (const message of messages) {
    const text = formatMessage(message, pkg, { color: false }) ?? message.code;
    if (message.type === 'suggestion') console.log(`  · suggestion: ${text}`);
    else fail(`${message.type}: ${text}`);
  }
  if (!messages.some(message => message.type !== 'suggestion')) ok('no errors or warnings');
}

function checkTypes(): Promise<void> {
  console.log('attw --pack . --profile node16');
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['attw', '--pack', '.', '--profile', 'node16', '--format', 'table-flipped'], {
      cwd: root,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code === 0) ok('types resolve for every entry point');
      else fail(`@arethetypeswrong/cli found problems (exit code ${code})`);
      resolve();
    });
  });
}

function checkBuiltCore(): void {
  console.log('built core');
  for (const file of ['dist/index.js', 'dist/index.cjs']) {
    const code = readFileSync(`${root}${file}`, 'utf8');
    // What the entry reaches through its shared chunks too, where the core's code is.
    const reached = [...builtImports(`${root}dist`, file.slice('dist/'.length)).externals.keys()];
    const forbidden = reached.filter(specifier => FORBIDDEN_IN_CORE.some(name => isPackage(specifier, name)));
    if (forbidden.length > 0) fail(`${file} imports ${[...new Set(forbidden)].join(', ')}`);
    else {
      const gzip = gzipSync(code).byteLength;
      ok(
        `${file}: reaches ${reached.join(', ')} (entry file ${(code.length / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip)`,
      );
    }
  }
  // Edge runtimes have no Node built-ins: the core and the config entry, shared chunks included, import none.
  for (const entry of ['index.js', 'index.cjs', 'config.js', 'config.cjs']) {
    const builtins = [...builtImports(`${root}dist`, entry).externals.keys()].filter(isNodeBuiltin);
    if (builtins.length > 0) fail(`dist/${entry} reaches Node built-ins: ${builtins.join(', ')}`);
    else ok(`dist/${entry}: no Node built-in, shared chunks included`);
  }
}

async function checkLoads(): Promise<void> {
  console.log(`loading every entry point (Node ${process.version})`);
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const subpaths = Object.keys(manifest.exports).filter(subpath => subpath !== './package.json');
  for (const subpath of subpaths) {
    const specifier = `${manifest.name}${subpath.slice(1)}`;
    for (const [how, code] of [
      [
        'import',
        `import(${JSON.stringify(specifier)}).then(m => { if (Object.keys(m).length === 0) process.exit(2); })`,
      ],
      ['require', `if (Object.keys(require(${JSON.stringify(specifier)})).length === 0) process.exit(2);`],
    ] as const) {
      try {
        // Run from the package root, where the package resolves itself through its own exports map.
        await promisify(execFile)(process.execPath, ['-e', code], { cwd: root });
        ok(`${how} ${specifier}`);
      } catch (error) {
        fail(
          `${how} ${specifier} failed: ${(error as { stderr?: string }).stderr?.split('\n').find(Boolean) ?? error}`,
        );
      }
    }
  }
}

await checkPackedFiles();
await checkPublint();
await checkTypes();
checkBuiltCore();
await checkLoads();
console.log('without @opentelemetry/api');
const withoutOtel = await checkWithoutOtel(root);
if (withoutOtel === undefined) ok('the built package loads, falls back, and records spans to a registered provider');
else fail(`without @opentelemetry/api: ${withoutOtel}`);

if (failures.length > 0) {
  console.error(`\ncheck:package failed: ${failures.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log('\ncheck:package passed');
}
