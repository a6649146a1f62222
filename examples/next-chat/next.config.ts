import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The app imports the library from the repository's `src/` and uses the root's node_modules,
// so both bundling and output tracing must see the whole repository.
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

const config: NextConfig = {
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
};

export default config;
