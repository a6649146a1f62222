import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where and with what a benchmark ran, for BENCHMARKS.md. */
export interface Environment {
  date: string;
  machine: string;
  node: string;
  packages: Record<string, string>;
  revision: string;
}

const PACKAGES = ['ai', '@ai-sdk/openai', '@ai-sdk/provider', 'ai-fallback', 'ai-retry', 'tinybench'] as const;

function versionOf(name: string): string {
  const manifest = name === 'ai-sdk-fallback' ? `${root}package.json` : `${root}node_modules/${name}/package.json`;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function revision(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: 'pipe' })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, stdio: 'pipe' }).toString().trim() !== '';
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'working tree (no commit yet)';
  }
}

export function describeEnvironment(): Environment {
  const cpu = cpus();
  return {
    date: new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
    machine: `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${type()} ${release()}`,
    node: process.version,
    packages: {
      'ai-sdk-fallback': `${versionOf('ai-sdk-fallback')} (dist/, built by the run)`,
      ...Object.fromEntries(PACKAGES.map(name => [name, versionOf(name)])),
    },
    revision: revision(),
  };
}

/** The 1-minute load average: other work on the machine while the benchmark ran. */
export function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}
