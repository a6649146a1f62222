import { describe, expect, it } from 'vitest';
import {
  CORE_BUDGET,
  CORE_PEERS,
  FORBIDDEN_IN_CORE,
  isPackage,
  OPTIONAL_CORE_PEERS,
  SUBPATH_SOURCES,
} from '../../scripts/package-rules';
import { bundleCore } from './core-bundle';

describe('what importing the core loads', () => {
  it('importing withFallback reaches no provider package, Redis client, config loader or testing kit', async () => {
    const bundle = await bundleCore("export { withFallback } from './src/index';");

    expect(bundle.inputs.length).toBeGreaterThan(0);
    for (const folder of SUBPATH_SOURCES) {
      expect(
        bundle.inputs.filter(path => path.startsWith(folder)),
        `sources from ${folder}`,
      ).toEqual([]);
    }
    for (const name of FORBIDDEN_IN_CORE) {
      expect(
        bundle.externals.filter(specifier => isPackage(specifier, name)),
        `imports of ${name}`,
      ).toEqual([]);
    }
  });

  it('the core imports only its required peers and its optional JSON Schema peer: no Node built-in, so it loads on Edge runtimes', async () => {
    const bundle = await bundleCore("export * from './src/index';");
    const allowed = [...CORE_PEERS, ...OPTIONAL_CORE_PEERS];
    const unexpected = bundle.externals.filter(specifier => !allowed.some(peer => isPackage(specifier, peer)));
    // A new dependency of the core is a decision: add it to CORE_PEERS (and peerDependencies) on purpose.
    expect(unexpected).toEqual([]);
  });

  it(`the whole core stays within its size budget (${CORE_BUDGET.minifiedBytes / 1000} kB minified, ${CORE_BUDGET.gzipBytes / 1000} kB gzip)`, async () => {
    const bundle = await bundleCore("export * from './src/index';");
    expect(bundle.minifiedBytes).toBeLessThanOrEqual(CORE_BUDGET.minifiedBytes);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(CORE_BUDGET.gzipBytes);
  });
});
