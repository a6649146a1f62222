/**
 * What the published package may contain and what its core may load: shared
 * by `scripts/check-package.ts` (after the build) and `test/package/*`.
 */

/** Top-level files of the tarball besides `dist/`. npm adds package.json, README and LICENSE itself. */
export const PACKED_ROOT_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'] as const;

/** Whether a path of `npm pack --dry-run` belongs in the tarball: the build output and the root files. */
export function isPublishable(path: string): boolean {
  return path.startsWith('dist/') || (PACKED_ROOT_FILES as readonly string[]).includes(path);
}

/**
 * Modules the core entry (`ai-sdk-fallback`, what `import { withFallback }`
 * loads) must never import: the provider packages and Redis clients are
 * optional peers for the subpaths that need them, the fake provider
 * server is the testing kit's, and OpenTelemetry is read without its package.
 */
export const FORBIDDEN_IN_CORE = [
  '@ai-sdk/openai',
  '@ai-sdk/azure',
  '@openrouter/ai-sdk-provider',
  'redis',
  '@redis/client',
  'ioredis',
  'node:http',
  'node:net',
  // An optional peer the core never imports: telemetry reads what the application registered from the API's
  // global registry (src/chain/telemetry/otel-globals.ts).
  '@opentelemetry/api',
] as const;

/** Source folders that belong to subpaths (`./config`, `./redis`, `./testing`), never to the core. */
export const SUBPATH_SOURCES = ['src/config/', 'src/health/redis/', 'src/testing/'] as const;

/** The packages the core may import: its required peers (zod is already a peer of `ai`), plus Node built-ins. */
export const CORE_PEERS = ['ai', '@ai-sdk/provider', 'zod'] as const;

/**
 * Optional peers the core may load, lazily and only when a call needs them:
 * `@cfworker/json-schema` validates a call's JSON Schema (docs/results.md).
 */
export const OPTIONAL_CORE_PEERS = ['@cfworker/json-schema'] as const;

/** True when `specifier` is `name` or one of its subpaths (`zod/v4` is `zod`). */
export function isPackage(specifier: string, name: string): boolean {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/**
 * Size budget of the core, minified as a bundler ships it (peers excluded).
 * Measured at 46.2 kB minified / 15.7 kB gzip when set; the budget leaves
 * about 30 % headroom, so growth is a decision, not an accident. Raised for
 * the result checks (issue 14: +6.9 kB / +2.2 kB) and OpenTelemetry (issue 16:
 * +7.1 kB / +2.3 kB), at 83.5 / 28.2 kB measured then; for hedged requests
 * (issue 15: +6.8 kB / +2.2 kB), at 90.3 / 30.4 kB; for the other model kinds
 * (issue 17: +12.4 kB / +4.0 kB), at 102.9 / 34.5 kB.
 */
export const CORE_BUDGET = { minifiedBytes: 105_000, gzipBytes: 35_500 } as const;
