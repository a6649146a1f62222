import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Core from '../src/index';

/** The built entry point: what users install. `npm run bench` builds it first. */
export const coreEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

if (!existsSync(coreEntry)) throw new Error(`${coreEntry} is missing: run \`npm run build\` first`);

/**
 * `ai-sdk-fallback` as published, not its sources: running `src/` through tsx
 * would add the transpiler's helpers (such as `__name` on every closure) to
 * the hot path, which the competitors, loaded from their own `dist/`, do not pay.
 */
export const core: typeof Core = await import(pathToFileURL(coreEntry).href);
