import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isPublishable, PACKED_ROOT_FILES } from '../../scripts/package-rules';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The files `npm publish` would upload, without running lifecycle scripts. */
async function packedFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return pack!.files.map(file => file.path).sort();
}

describe('the published tarball', () => {
  it('holds only the build output, package.json, README, CHANGELOG and LICENSE', async () => {
    const files = await packedFiles();

    expect(files.filter(path => !isPublishable(path))).toEqual([]);
    for (const file of PACKED_ROOT_FILES) expect(files).toContain(file);
  });
});
