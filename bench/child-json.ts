import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs a bench script in a fresh Node process (`node [flags] --import tsx <script> ...args`, from
 * the project root) and resolves with the JSON of the last line it prints.
 */
export function childJson<T>(flags: readonly string[], script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}
