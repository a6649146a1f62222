import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FallbackConfigError } from '../../src/config/index';
import { resolveChainFromConfig } from '../../src/config/resolve-chain';

// A require rooted in an empty directory: no provider package can be found from there.
const empty = mkdtempSync(join(tmpdir(), 'ai-sdk-fallback-no-packages-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
const requireFromEmpty = createRequire(join(empty, 'index.js'));

const env = { OPENAI_API_KEY: 'k', AZURE_API_KEY: 'k', OPENROUTER_API_KEY: 'k' };

describe('provider packages', () => {
  it('a missing package fails at construction, naming the package and how to install it', () => {
    const config = { providers: [{ provider: 'openrouter', model: 'openai/gpt-4o' }] };
    let error: unknown;
    try {
      resolveChainFromConfig(config, { env }, requireFromEmpty);
    } catch (caught) {
      error = caught;
    }
    expect(FallbackConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "fallbackFromConfig: providers[0] uses provider 'openrouter', which needs the package @openrouter/ai-sdk-provider; it is not installed. Install it: npm install @openrouter/ai-sdk-provider",
    );
  });

  it('only the packages a config names are loaded', () => {
    const loaded: string[] = [];
    const realRequire = createRequire(import.meta.url);
    const recording = (id: string) => {
      loaded.push(id);
      return realRequire(id);
    };
    resolveChainFromConfig(
      {
        providers: [
          { provider: 'azure', model: 'a', base_url: 'http://127.0.0.1:1/openai' },
          { provider: 'azure', model: 'b', base_url: 'http://127.0.0.1:1/openai' },
        ],
      },
      { env },
      recording,
    );
    expect(loaded).toEqual(['@ai-sdk/azure']);
  });

  it('a package without the expected factory is reported as a version problem', () => {
    expect(() =>
      resolveChainFromConfig({ providers: [{ provider: 'openai', model: 'a' }] }, { env }, () => ({})),
    ).toThrow(
      'fallbackFromConfig: providers[0]: @ai-sdk/openai does not export createOpenAI; install a version for AI SDK 7',
    );
  });
});
