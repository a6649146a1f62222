import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Subpath entries appear as their capability lands; each is its own bundle so
// importing the core never loads the config loader, a Redis client or the fake server.
const entries = {
  index: 'src/index.ts',
  config: 'src/config/index.ts',
  redis: 'src/health/redis/index.ts',
  testing: 'src/testing/index.ts',
};

export default defineConfig({
  entry: Object.fromEntries(Object.entries(entries).filter(([, path]) => existsSync(path))),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  treeshake: true,
  // Shared chunks: the subpaths import the same core as the main entry, so its classes and state exist once.
  splitting: true,
});
